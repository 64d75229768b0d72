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
        now.set(10_000_000_000L); // 10 s for 1500 of 2000 bytes: 3.3 s left
        b.progress(2, 50_000, 1500);
        assertEquals("[###############.....] 2/2 files  50.0k pkts  5000 pkt/s  0:03 left", b.line(now.get()));
    }

    @Test
    void redrawsAtMostFourTimesASecondAndClearsItsLineAtTheEnd() {
        ProgressBar b = bar(1_000_000L);
        now.set(ProgressBar.REDRAW_NANOS / 2);
        b.progress(1, 65_536, 100_000);
        assertEquals("", out.toString(), "no redraw before 250 ms");
        now.set(ProgressBar.REDRAW_NANOS);
        b.progress(1, 131_072, 600_000);
        assertTrue(out.toString().startsWith("\r[############........] 1/1 files  131.1k pkts"), out.toString());
        now.set(ProgressBar.REDRAW_NANOS + 1);
        b.progress(1, 196_608, 700_000);
        assertEquals(1, out.toString().chars().filter(c -> c == '\r').count(), "throttled");
        b.close();
        assertTrue(out.toString().endsWith("\r"), "line cleared");
    }

    @Test
    void neverPassesAHundredPercent() {
        ProgressBar b = bar(100L);
        now.set(1_000_000_000L);
        b.progress(1, 10, 5_000);
        assertTrue(b.line(now.get()).startsWith("[####################] 1/1 files"), b.line(now.get()));
        assertTrue(b.line(now.get()).endsWith("0:00 left"));
    }

    @Test
    void silentBarWritesNothing() {
        ProgressBar b = ProgressBar.silent();
        b.progress(1, 1 << 20, 1 << 30);
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
