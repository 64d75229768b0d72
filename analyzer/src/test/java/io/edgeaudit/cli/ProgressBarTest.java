package io.edgeaudit.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressBarTest {
    private final AtomicLong now = new AtomicLong();
    private final StringWriter out = new StringWriter();

    private ProgressBar bar(Long... sizes) {
        return new ProgressBar(new PrintWriter(out), List.of(sizes), now::get);
    }

    @Test
    void lineShowsFilesPacketsRateAndTimeLeft() {
        ProgressBar b = bar(1000L, 1000L);
        for (int i = 0; i < 50_000; i++) {
            b.packet(1, 500);
        }
        now.set(10_000_000_000L); // 10 s for 1500 of 2000 bytes: 3.3 s left
        assertEquals("[###############.....] 1/2 files  50.0k pkts  5000 pkt/s  0:03 left", b.line(now.get()));
    }

    @Test
    void redrawsAtMostFourTimesASecondAndClearsItsLineAtTheEnd() {
        ProgressBar b = bar(1_000_000L);
        for (int i = 0; i < 10 * ProgressBar.CHECK_EVERY; i++) {
            now.addAndGet(1_000); // 1 us per packet: 41 ms in all
            b.packet(0, i);
        }
        assertEquals("", out.toString(), "no redraw before 250 ms");
        now.addAndGet(ProgressBar.REDRAW_NANOS);
        for (int i = 0; i < ProgressBar.CHECK_EVERY; i++) {
            b.packet(0, 600_000);
        }
        assertTrue(out.toString().startsWith("\r[############........] 0/1 files"), out.toString());
        b.close();
        assertTrue(out.toString().endsWith("\r"), "line cleared");
    }

    @Test
    void silentBarWritesNothing() {
        ProgressBar b = ProgressBar.silent();
        for (int i = 0; i < 3 * ProgressBar.CHECK_EVERY; i++) {
            b.packet(0, i);
        }
        b.close();
        assertEquals("", out.toString());
    }

    @Command(name = "t")
    static final class WithOutput implements Runnable {
        @Mixin
        OutputOptions output;

        @Override
        public void run() {
        }
    }

    @Test
    void quietWinsOverVerboseAndSilencesTheBar() {
        WithOutput c = new WithOutput();
        new CommandLine(c).parseArgs("-vv", "--quiet");
        assertEquals(0, c.output.verbosity());
        assertFalse(c.output.showProgress());
        new CommandLine(c = new WithOutput()).parseArgs("-v", "-v");
        assertEquals(2, c.output.verbosity());
    }

    @Test
    void noTerminalMeansNoBar() {
        // surefire runs without a console, like cron and systemd
        WithOutput c = new WithOutput();
        new CommandLine(c).parseArgs();
        assertEquals(System.console() != null, c.output.showProgress());
    }
}
