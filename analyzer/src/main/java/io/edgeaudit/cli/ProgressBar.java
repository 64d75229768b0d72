package io.edgeaudit.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on stderr for long runs: files done, packets, packet rate and time left,
 * e.g. {@code [#########...........]  2/5 files   1.2M pkts   84k pkt/s   0:42 left}.
 *
 * <p>{@link #packet} is called for every frame and costs a counter increment; the clock is read every
 * {@link #CHECK_EVERY} packets and the line redrawn at most every {@link #REDRAW_NANOS}. Time left comes
 * from bytes: bytes of finished files plus the current file's offset, against the sum of sizes (for a
 * gzip file the offset is of the uncompressed stream, so it is clamped to the file's size).
 */
public class ProgressBar implements AutoCloseable {
    static final int CHECK_EVERY = 4096;
    static final long REDRAW_NANOS = 250_000_000L;
    private static final int WIDTH = 20;

    private final PrintWriter err;
    private final long[] sizes;
    private final long totalBytes;
    private final LongSupplier clock;
    private final long started;
    private long lastDraw;
    private int file = -1;
    private long bytesBefore;
    private long offset;
    private long packets;
    private int lastWidth;

    ProgressBar(PrintWriter err, List<Long> sizes, LongSupplier clock) {
        this.err = err;
        this.sizes = sizes.stream().mapToLong(Long::longValue).toArray();
        this.totalBytes = Math.max(1, this.sizes.length == 0 ? 1 : java.util.Arrays.stream(this.sizes).sum());
        this.clock = clock;
        this.started = clock == null ? 0 : clock.getAsLong();
        this.lastDraw = started;
    }

    /** A bar that draws nothing (not a terminal, or --quiet). */
    public static ProgressBar silent() {
        return new ProgressBar(null, List.of(), null) {
            @Override
            public void packet(int fileIndex, long fileOffset) {
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * One frame read.
     *
     * @param fileIndex  the input's 0-based index
     * @param fileOffset byte offset of the frame in that input
     */
    public void packet(int fileIndex, long fileOffset) {
        packets++;
        if (fileIndex != file) {
            enter(fileIndex);
        }
        offset = fileOffset;
        if ((packets & (CHECK_EVERY - 1)) == 0) {
            long now = clock.getAsLong();
            if (now - lastDraw >= REDRAW_NANOS) {
                lastDraw = now;
                draw(now);
            }
        }
    }

    private void enter(int fileIndex) {
        bytesBefore = 0;
        for (int i = 0; i < fileIndex && i < sizes.length; i++) {
            bytesBefore += sizes[i];
        }
        file = fileIndex;
    }

    /** The line as it would be drawn at {@code now}; package-private for tests. */
    String line(long now) {
        long current = file >= 0 && file < sizes.length ? Math.min(offset, sizes[file]) : 0;
        long done = Math.min(totalBytes, bytesBefore + current);
        double fraction = (double) done / totalBytes;
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = Math.max(1e-9, (now - started) / 1e9);
        double rate = packets / seconds;
        String left = done == 0 ? "--:--" : clock(Math.round(seconds * (totalBytes - done) / done));
        return String.format(Locale.ROOT, "[%s%s] %d/%d files  %s pkts  %s pkt/s  %s left",
                "#".repeat(filled), ".".repeat(WIDTH - filled), Math.max(0, file) + (fraction >= 1 ? 1 : 0),
                sizes.length, human(packets), human(Math.round(rate)), left);
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
