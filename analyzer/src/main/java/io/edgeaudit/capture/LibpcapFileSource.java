package io.edgeaudit.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.Objects;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;
import org.pcap4j.core.RawPacketListener;

/**
 * One capture file read through libpcap (pcap4j), for {@code --reader libpcap}: a second opinion on
 * our own reader, producing the same {@link Frame}s. What differs from {@link CaptureFileReader}:
 * <ul>
 *   <li>libpcap decompresses nothing: gzip or zstd input is refused in one line;</li>
 *   <li>record offsets in the file are unknown (-1), and pcapng interface names and directions are
 *       not available (libpcap's offline API has none); the interface index is -1;</li>
 *   <li>libpcap reports DLT values: DLT_RAW (12) comes back as LINKTYPE_RAW (101);</li>
 *   <li>libpcap refuses pcapng files whose interfaces have different link types, cuts records
 *       longer than the snaplen to it, and gives simple packet blocks timestamp 0;</li>
 *   <li>pcap4j allocates per packet (a byte array, a timestamp), so this path is not allocation-free;
 *       a frame's bytes are pcap4j's own array for that packet.</li>
 * </ul>
 * The SHA-256 is computed on a thread of its own over the file as stored.
 */
public final class LibpcapFileSource implements FileSource {
    /** DLT_RAW on Linux and most BSDs: libpcap's name for LINKTYPE_RAW (101). */
    private static final int DLT_RAW = 12;
    /** Packets per pcap_dispatch call; pcap4j allocates their arrays anyway, so this bounds only the batch. */
    private static final int BATCH = 64;

    private final CaptureFile file;
    private final Path path;
    private final Frame frame = new Frame();
    private PcapHandle handle;
    private FileDigest digest;
    private int linkType;
    private long packets;
    private long bytes;
    private long truncated;
    private boolean done;
    private long suspendedAt = -1;
    private final RawPacketListener listener = this::onPacket;
    private final byte[][] batchData = new byte[BATCH][];
    private final long[] batchTimestamps = new long[BATCH];
    private final int[] batchOriginal = new int[BATCH];
    private int batchSize;
    private int batchPosition;
    private CaptureException pendingError;

    public LibpcapFileSource(CaptureFile file, Path path) {
        this.file = Objects.requireNonNull(file, "file");
        this.path = Objects.requireNonNull(path, "path");
    }

    @Override
    public boolean next() throws IOException {
        if (done) {
            return false;
        }
        resume();
        try {
            if (handle == null) {
                open();
            }
            return readOne();
        } catch (CaptureException e) {
            end(e);
            throw e;
        }
    }

    private void open() throws CaptureException {
        String format = sniff();
        try {
            // pcap4j reports a missing library per function, as "not supported": ask for the version first
            Pcaps.libVersion();
        } catch (LinkageError e) {
            throw new CaptureException(file.name(), 0, 0,
                    "libpcap is not installed (expected: the Debian package libpcap0.8)", null);
        }
        try {
            handle = Pcaps.openOffline(path.toString(), PcapHandle.TimestampPrecision.NANO);
        } catch (PcapNativeException e) {
            throw new CaptureException(file.name(), 0, 0, "libpcap: " + oneLine(e.getMessage()), e);
        }
        digest = FileDigest.start(path);
        int dlt = handle.getDlt().value();
        linkType = dlt == DLT_RAW ? LinkType.RAW : dlt;
        file.format(format);
    }

    /** Refuses compressed input, which libpcap cannot read, and names the format by its magic. */
    private String sniff() throws CaptureException {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, 4);
        } catch (NoSuchFileException e) {
            throw new CaptureException(file.name(), 0, 0, "cannot open: no such file", e);
        } catch (IOException e) {
            throw new CaptureException(file.name(), 0, 0, "cannot open: " + e.getMessage(), e);
        }
        if (n >= 2 && (head[0] & 0xFF) == 0x1f && (head[1] & 0xFF) == 0x8b) {
            throw new CaptureException(file.name(), 0, 0,
                    "gzip-compressed input cannot be read with --reader libpcap (expected: the default reader, or gunzip first)");
        }
        if (n == 4 && (head[0] & 0xFF) == 0x28 && (head[1] & 0xFF) == 0xb5 && (head[2] & 0xFF) == 0x2f
                && (head[3] & 0xFF) == 0xfd) {
            throw new CaptureException(file.name(), 0, 0,
                    "zstd-compressed captures are not supported (decompress with `zstd -d` first)");
        }
        int magic = n == 4 ? ((head[0] & 0xFF) << 24 | (head[1] & 0xFF) << 16 | (head[2] & 0xFF) << 8 | (head[3] & 0xFF)) : 0;
        if (magic == PcapngReader.SHB) {
            return "pcapng";
        }
        boolean nanos = magic == PcapReader.MAGIC_NANOS || Integer.reverseBytes(magic) == PcapReader.MAGIC_NANOS;
        return nanos ? "pcap-ns" : "pcap";
    }

    /**
     * Delivers the next frame of the current batch, reading a new batch when it is used up. Frames
     * read before a libpcap error are delivered before the error is thrown.
     */
    private boolean readOne() throws CaptureException {
        if (batchPosition == batchSize) {
            if (pendingError != null) {
                throw pendingError;
            }
            fillBatch();
            if (batchSize == 0) {
                if (pendingError != null) {
                    throw pendingError;
                }
                end(null);
                return false;
            }
        }
        int i = batchPosition++;
        byte[] data = batchData[i];
        batchData[i] = null;
        packets++;
        bytes += data.length;
        if (data.length < batchOriginal[i]) {
            truncated++;
        }
        frame.set(file, packets, -1, -1, batchTimestamps[i], linkType, data, 0, data.length, batchOriginal[i], -1, null,
                Direction.UNKNOWN);
        return true;
    }

    /**
     * One pcap_dispatch of up to {@link #BATCH} packets. pcap4j makes a native callback per
     * dispatch and allocates per packet, so batching amortises the first; getNextRawPacketEx would
     * allocate JNA Memory per packet, which is far slower.
     */
    private void fillBatch() {
        batchSize = 0;
        batchPosition = 0;
        long first = packets + 1;
        int processed;
        try {
            processed = PcapCallbackErrors.during(() -> handle.dispatch(BATCH, listener));
        } catch (PcapNativeException e) {
            pendingError = new CaptureException(file.name(), first + batchSize, -1, "libpcap: " + oneLine(e.getMessage()), e);
            return;
        } catch (InterruptedException | NotOpenException e) {
            pendingError = new CaptureException(file.name(), first + batchSize, -1, "libpcap: " + e, e);
            return;
        }
        if (processed > batchSize) {
            // pcap4j drops (and only logs) a packet whose timestamp java.sql.Timestamp refuses
            pendingError = new CaptureException(file.name(), first + batchSize, -1,
                    "timestamp fraction out of range (expected: < 1 second), which pcap4j cannot represent");
        }
    }

    /** Called by pcap4j on this thread inside {@link #fillBatch()}; its ThreadLocals hold this packet's values. */
    private void onPacket(byte[] packet) {
        if (batchSize >= BATCH || (pendingError != null)) {
            return;
        }
        Timestamp ts = handle.getTimestamp();
        long seconds = Math.floorDiv(ts.getTime(), 1000L);
        batchTimestamps[batchSize] = seconds > Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE
                : seconds < Long.MIN_VALUE / 1_000_000_000L ? Long.MIN_VALUE : seconds * 1_000_000_000L + ts.getNanos();
        batchOriginal[batchSize] = handle.getOriginalLength();
        batchData[batchSize] = packet;
        batchSize++;
    }

    private static String oneLine(String message) {
        return message == null ? "error" : message.replace('\n', ' ').strip();
    }

    private void end(CaptureException error) {
        done = true;
        if (error != null) {
            file.error(error);
        }
        file.packets(packets);
        file.bytes(bytes);
        file.truncatedRecords(truncated);
        if (digest != null) {
            file.sha256(digest.await());
        }
        release();
    }

    private void release() {
        java.util.Arrays.fill(batchData, null);
        if (handle != null) {
            handle.close();
            handle = null;
        }
    }

    @Override
    public CaptureFile file() {
        return file;
    }

    @Override
    public void suspend() {
        if (!done && handle != null && suspendedAt < 0) {
            suspendedAt = packets;
            release();
            digest.cancel();
            digest = null;
        }
    }

    @Override
    public void resume() throws IOException {
        if (suspendedAt < 0) {
            return;
        }
        long target = suspendedAt;
        suspendedAt = -1;
        packets = 0;
        bytes = 0;
        truncated = 0;
        batchSize = 0;
        batchPosition = 0;
        pendingError = null;
        try {
            open();
            while (packets < target) {
                if (!readOne()) {
                    done = false;
                    throw new CaptureException(file.name(), packets + 1, -1, "file ends before packet " + target
                            + ", which an earlier read found (expected: an unchanged file)");
                }
            }
        } catch (CaptureException e) {
            end(e);
            throw e;
        }
    }

    @Override
    public Frame frame() {
        return frame;
    }

    @Override
    public List<CaptureFile> files() {
        return List.of(file);
    }

    @Override
    public void close() {
        if (!done) {
            done = true;
            if (digest != null) {
                digest.cancel();
            }
            release();
        }
    }
}
