package io.edgeaudit.cli;

import io.edgeaudit.pipeline.ProgressListener;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on stderr for long runs: files started, packets, packet rate and time left,
 * e.g. {@code [#########...........]  2/5 files   1.2M pkts   84k pkt/s   0:42 left}.
 *
 * <p>The pipeline reports every {@link io.edgeaudit.pipeline.Pipeline#PROGRESS_EVERY} packets; the line
 * is redrawn at most every {@link #REDRAW_NANOS}. Time left is estimated from bytes: captured bytes read
 * so far against the sum of the input files' sizes. File headers make the sizes a little larger than the
 * captured bytes and gzip makes them smaller, so the estimate is rough; the bar never passes 100 %.
 */
public class ProgressBar implements ProgressListener, AutoCloseable {
    static final long REDRAW_NANOS = 250_000_000L;
    private static final int WIDTH = 20;

    private final PrintWriter err;
    private final int files;
    private final long totalBytes;
    private final LongSupplier clock;
    private final long started;
    private long lastDraw;
    private int filesStarted;
    private long packets;
    private long bytes;
    private int lastWidth;

    /**
     * @param sizes the input files' sizes in bytes, in input order
     * @param clock nanoseconds, e.g. {@code System::nanoTime}
     */
    ProgressBar(PrintWriter err, List<Long> sizes, LongSupplier clock) {
        this.err = err;
        this.files = sizes.size();
        this.totalBytes = Math.max(1, sizes.stream().mapToLong(Long::longValue).sum());
        this.clock = clock;
        this.started = clock == null ? 0 : clock.getAsLong();
        this.lastDraw = started;
    }

    /** A bar that draws nothing (not a terminal, or --quiet). */
    public static ProgressBar silent() {
        return new ProgressBar(null, List.of(), null) {
            @Override
            public void progress(int filesStarted, long packets, long bytes) {
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void progress(int filesStarted, long packets, long bytes) {
        this.filesStarted = filesStarted;
        this.packets = packets;
        this.bytes = bytes;
        long now = clock.getAsLong();
        if (now - lastDraw >= REDRAW_NANOS) {
            lastDraw = now;
            draw(now);
        }
    }

    /** The line as it would be drawn at {@code now}; package-private for tests. */
    String line(long now) {
        long done = Math.min(totalBytes, bytes);
        double fraction = (double) done / totalBytes;
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = Math.max(1e-9, (now - started) / 1e9);
        double rate = packets / seconds;
        String left = done == 0 ? "--:--" : clock(Math.round(seconds * (totalBytes - done) / done));
        return String.format(Locale.ROOT, "[%s%s] %d/%d files  %s pkts  %s pkt/s  %s left",
                "#".repeat(filled), ".".repeat(WIDTH - filled), filesStarted, files, human(packets),
                human(Math.round(rate)), left);
    }

    private void draw(long now) {
        String l = line(now);
        int pad = Math.max(0, lastWidth - l.length());
        err.print("\r" + l + " ".repeat(pad));
        err.flush();
        lastWidth = l.length();
    }

    /** Clears the line, so the summary that follows starts on a clean line. */
    @Override
    public void close() {
        if (lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
            lastWidth = 0;
        }
    }

    static String human(long n) {
        if (n < 10_000) {
            return Long.toString(n);
        }
        if (n < 10_000_000) {
            return String.format(Locale.ROOT, "%.1fk", n / 1e3);
        }
        return String.format(Locale.ROOT, "%.1fM", n / 1e6);
    }

    static String clock(long seconds) {
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
    }
}
