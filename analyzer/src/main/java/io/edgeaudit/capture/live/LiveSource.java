package io.edgeaudit.capture.live;

import io.edgeaudit.capture.CaptureFile;
import io.edgeaudit.capture.CaptureSource;
import io.edgeaudit.capture.Direction;
import io.edgeaudit.capture.Frame;
import io.edgeaudit.capture.live.LiveCaptureException.Reason;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;
import org.pcap4j.core.PcapStat;

import java.io.IOException;
import java.sql.Timestamp;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Frames from a network interface through libpcap (pcap4j 1.8 over JNA): the live twin of the file
 * readers, so everything after {@link CaptureSource} is one code path.
 *
 * <p>Two threads. A capture thread sits in {@code pcap_loop} (pcap4j {@code loop} with a
 * {@code RawPacketListener}: one JNA callback per frame, no per-frame {@code getNext} round trip) and
 * queues each frame into a {@link PacketRing}; the caller's thread takes them from {@link #next()}
 * and runs decode and flow tracking on the other core. Timestamp and original length are copied in
 * the callback at once, because pcap4j keeps them in thread-locals of the capture thread.
 *
 * <p>Allocation: pcap4j 1.8 allocates per frame in its callback (the {@code byte[]}, a
 * {@code java.sql.Timestamp}, a {@code Runnable}, a boxed length and JNA pointers, about 250 bytes)
 * and offers no way to receive into a caller's buffer. The ring passes that array on by reference
 * instead of copying it again; from the ring on, nothing allocates per frame. bench/live-bench.sh
 * measures what this costs.
 *
 * <p>{@link #next()} blocks until a frame arrives, {@link #stop()} is called, or capture fails.
 * While it waits, and every {@code tickNanos} while frames flow, it calls the {@link Ticker} on the
 * caller's thread, so the caller can expire idle flows and close report windows between frames.
 */
public final class LiveSource implements CaptureSource {
    /** Called between frames on the thread that calls {@link #next()}. */
    @FunctionalInterface
    public interface Ticker {
        /** @param wallClockNanos the current time, nanoseconds since the Unix epoch */
        void tick(long wallClockNanos) throws IOException;
    }

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int TIMESTAMP_CHECK_EVERY = 1024;

    private final LiveOptions options;
    private final PcapHandle handle;
    private final int linkType;
    private final boolean nanoTimestamps;
    private final CaptureFile file;
    private final Frame frame = new Frame();
    private final PacketRing ring;
    private final Thread captureThread;
    private final AtomicLong delivered = new AtomicLong();
    private volatile LiveCaptureException captureError;
    private volatile boolean stopRequested;
    private boolean holdingSlot;
    private long packetNumber;
    private long bytes;
    private long truncated;
    private Ticker ticker;
    private long tickNanos;
    private long nextTickAt;
    private int sinceClockCheck;

    private LiveSource(LiveOptions options, PcapHandle handle, boolean nanoTimestamps) {
        this.options = options;
        this.handle = handle;
        this.linkType = handle.getDlt().value();
        this.nanoTimestamps = nanoTimestamps;
        this.file = new CaptureFile(0, options.sourceName());
        this.file.format("live");
        this.ring = new PacketRing(options.ringSlots());
        this.captureThread = new Thread(this::captureLoop, "edgeaudit-capture-" + options.interfaceName());
        this.captureThread.setDaemon(true);
    }

    /**
     * Opens the interface (the options' kernel buffer and mode, nanosecond timestamps where libpcap
     * has them), applies the filter and starts capturing.
     *
     * @throws LiveCaptureException with a one-line message: no permission (and how to grant it),
     *                              libpcap missing (and the package), the BPF compiler's message, ...
     */
    public static LiveSource open(LiveOptions options) throws LiveCaptureException {
        LiveLibrary.check();
        PcapHandle handle = null;
        try {
            boolean nano = true;
            try {
                handle = builder(options, PcapHandle.TimestampPrecision.NANO).build();
            } catch (PcapNativeException e) {
                if (!String.valueOf(e.getMessage()).contains("tstamp_precision")) {
                    throw e;
                }
                nano = false;
                handle = builder(options, PcapHandle.TimestampPrecision.MICRO).build();
            }
            nano = nano && handle.getTimestampPrecision() == PcapHandle.TimestampPrecision.NANO;
            if (options.filter() != null) {
                applyFilter(handle, options);
            }
            LiveSource source = new LiveSource(options, handle, nano);
            source.captureThread.start();
            return source;
        } catch (PcapNativeException e) {
            if (handle != null) {
                handle.close();
            }
            throw LiveErrors.translate(options.interfaceName(), e);
        } catch (LiveCaptureException | RuntimeException e) {
            if (handle != null) {
                handle.close();
            }
            throw e;
        } catch (NotOpenException e) {
            throw new LiveCaptureException(Reason.CAPTURE_FAILED, options.sourceName() + ": handle closed while opening", e);
        }
    }

    private static PcapHandle.Builder builder(LiveOptions o, PcapHandle.TimestampPrecision precision) {
        return new PcapHandle.Builder(o.interfaceName())
                .snaplen(o.snaplen())
                .promiscuousMode(o.promiscuous() ? PromiscuousMode.PROMISCUOUS : PromiscuousMode.NONPROMISCUOUS)
                // without immediate mode (see LiveOptions.immediate) a frame waits at most this
                // block timeout (TPACKET_V3 tp_retire_blk_tov) before it is handed over
                .immediateMode(o.immediate())
                .timeoutMillis(100)
                .bufferSize(o.bufferBytes())
                .timestampPrecision(precision);
    }

    private static void applyFilter(PcapHandle handle, LiveOptions o) throws LiveCaptureException, NotOpenException {
        try {
            handle.setFilter(o.filter(), BpfProgram.BpfCompileMode.OPTIMIZE);
        } catch (PcapNativeException e) {
            throw new LiveCaptureException(Reason.BAD_FILTER, "bad --filter '" + o.filter() + "': "
                    + LiveErrors.stripPcap4jPrefix(e.getMessage()), e);
        }
    }

    private void captureLoop() {
        try {
            handle.loop(-1, this::onFrame);
        } catch (InterruptedException e) {
            // pcap_breakloop: stop() was called
            Thread.currentThread().interrupt();
        } catch (PcapNativeException e) {
            if (!stopRequested) {
                captureError = LiveErrors.translate(options.interfaceName(), e);
            }
        } catch (NotOpenException e) {
            if (!stopRequested) {
                captureError = new LiveCaptureException(Reason.CAPTURE_FAILED,
                        options.sourceName() + ": capture handle closed", e);
            }
        } finally {
            ring.close();
        }
    }

    /** Runs on the capture thread inside pcap_loop's callback. */
    private void onFrame(byte[] data) {
        Timestamp ts = handle.getTimestamp();
        Integer orig = handle.getOriginalLength();
        long seconds = Math.floorDiv(ts.getTime(), 1000L);
        long nanos = seconds * 1_000_000_000L + ts.getNanos();
        if (!ring.put(data, nanos, orig == null ? data.length : orig)) {
            try {
                handle.breakLoop();
            } catch (NotOpenException ignored) {
                // already closed: the loop is ending anyway
            }
        }
    }

    /**
     * Calls {@code ticker} on the caller's thread about every {@code periodNanos} (while waiting for
     * frames as well as between them). Set before the first {@link #next()}.
     */
    public void ticker(Ticker ticker, long periodNanos) {
        this.ticker = ticker;
        this.tickNanos = periodNanos;
        this.nextTickAt = System.nanoTime() + periodNanos;
    }

    @Override
    public boolean next() throws IOException {
        if (holdingSlot) {
            ring.release();
            holdingSlot = false;
        }
        while (true) {
            if (ticker != null && ++sinceClockCheck >= TIMESTAMP_CHECK_EVERY) {
                sinceClockCheck = 0;
                maybeTick();
            }
            int slot = ring.poll(POLL_NANOS);
            if (slot >= 0) {
                deliver(slot);
                return true;
            }
            if (ring.isClosed() && ring.size() == 0) {
                if (captureError != null) {
                    throw captureError;
                }
                return false;
            }
            if (ticker != null) {
                sinceClockCheck = 0;
                maybeTick();
            }
        }
    }

    private void maybeTick() throws IOException {
        long now = System.nanoTime();
        if (now - nextTickAt >= 0) {
            nextTickAt = now + tickNanos;
            ticker.tick(wallClockNanos());
        }
    }

    private void deliver(int slot) {
        byte[] data = ring.data(slot);
        int orig = ring.originalLength(slot);
        long n = ++packetNumber;
        frame.set(file, n, -1, -1, ring.timestampNanos(slot), linkType, data, 0, data.length, orig,
                0, options.interfaceName(), Direction.UNKNOWN);
        bytes += data.length;
        if (data.length < orig) {
            truncated++;
        }
        holdingSlot = true;
        delivered.lazySet(n);
    }

    /** The current time in the capture's clock, nanoseconds since the epoch. */
    public static long wallClockNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public Frame frame() {
        return frame;
    }

    /** The one input: {@code live:IF}, format "live"; its counters are brought up to date by {@link #stats()}. */
    @Override
    public List<CaptureFile> files() {
        file.packets(packetNumber);
        file.bytes(bytes);
        file.truncatedRecords(truncated);
        return List.of(file);
    }

    /** LINKTYPE_ of the interface (1 for Ethernet, 113 for "any"). */
    public int linkType() {
        return linkType;
    }

    /** True when libpcap gives nanosecond timestamps (else microseconds, scaled). */
    public boolean nanoTimestamps() {
        return nanoTimestamps;
    }

    public LiveOptions options() {
        return options;
    }

    /**
     * libpcap's cumulative counters now. Safe from any thread while capturing; after {@link #close()}
     * returns the last values seen.
     */
    public LiveStats stats() throws LiveCaptureException {
        synchronized (this) {
            if (lastStats != null && !handle.isOpen()) {
                return lastStats;
            }
            try {
                PcapStat s = handle.getStats();
                lastStats = new LiveStats(s.getNumPacketsReceived(), s.getNumPacketsDropped(),
                        s.getNumPacketsDroppedByIf(), delivered.get());
                return lastStats;
            } catch (PcapNativeException | NotOpenException e) {
                if (lastStats != null) {
                    return lastStats;
                }
                throw new LiveCaptureException(Reason.CAPTURE_FAILED,
                        options.sourceName() + ": cannot read libpcap statistics: " + e.getMessage(), e);
            }
        }
    }

    private LiveStats lastStats;

    /**
     * Asks capture to stop: libpcap leaves its loop (pcap_breakloop), frames already queued are still
     * returned by {@link #next()}, then it returns false. Safe from any thread, e.g. a signal handler.
     */
    public void stop() {
        stopRequested = true;
        try {
            handle.breakLoop();
        } catch (NotOpenException ignored) {
            // closed already: nothing left to stop
        }
    }

    public boolean isStopRequested() {
        return stopRequested;
    }

    /** Stops capture, waits for the capture thread, records the last statistics and releases the handle. */
    @Override
    public void close() throws IOException {
        stop();
        ring.close();
        try {
            captureThread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            stats();
        } catch (LiveCaptureException ignored) {
            // statistics are best effort at close; the handle is released either way
        }
        handle.close();
    }
}
