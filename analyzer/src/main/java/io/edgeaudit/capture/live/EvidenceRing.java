package io.edgeaudit.capture.live;

import io.edgeaudit.capture.Frame;
import io.edgeaudit.capture.PcapngWriter;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The evidence ring: every live frame also goes to pcapng files, a new file once the current one
 * reaches the rotation size, and only the {@code keep} newest files of this interface stay on disk.
 * Each file is a complete capture Wireshark opens and {@code analyze} re-runs; the one being written
 * is valid up to its last flush. pcapng rather than classic pcap because its interface block carries
 * the interface name ({@code if_name}) with nanosecond resolution: {@code analyze} then finds the same
 * topology capture point for the file as {@code watch} found for the interface, and judges the same.
 *
 * <p>Names sort by time: {@code live-IF-yyyyMMddTHHmmssZ-NNNNN.pcapng} (UTC start of the run, then
 * the file's sequence number), so {@code analyze DIR/live-IF-*.pcapng} reads them in capture order.
 * Not thread-safe: the pipeline thread is its only user.
 */
public final class EvidenceRing implements AutoCloseable {
    /** Where a live packet was written: the ring file and its 1-based packet number there. */
    public record Location(Path file, long packetNumber) {
    }

    private record Segment(Path file, long firstLivePacket) {
    }

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    /** Section header block (28) + interface block without its padded if_name (16 + 4 + 8 + 4 + 4). */
    private static final int FILE_HEADER = 28 + 36;
    /** Enhanced packet block around the data: 28 bytes before it, 4 after (the data is padded to 4). */
    private static final int RECORD_OVERHEAD = 32;
    private static final int MAX_SEGMENTS_REMEMBERED = 4096;

    private final Path dir;
    private final String ifacePrefix;
    private final String prefix;
    private final long rotateBytes;
    private final int keep;
    private final int linkType;
    private final int snaplen;
    private final Deque<Segment> segments = new ArrayDeque<>();
    private final String iface;
    private PcapngWriter writer;
    private int interfaceId;
    private long fileBytes;
    private int sequence;
    private long livePackets;
    private long filesWritten;

    /**
     * @param dir         created if missing
     * @param iface       interface name, part of every file name
     * @param rotateBytes start a new file once the current one holds at least this many bytes (&ge; 1 MB)
     * @param keep        files of this interface kept in {@code dir}, newest first (&ge; 1); older ones,
     *                    also from earlier runs, are deleted
     */
    public EvidenceRing(Path dir, String iface, long rotateBytes, int keep, int linkType, int snaplen,
                        Instant runStart) throws IOException {
        if (rotateBytes < 1_000_000) {
            throw new IllegalArgumentException("rotate size " + rotateBytes + " bytes (expected: at least 1 MB)");
        }
        if (keep < 1) {
            throw new IllegalArgumentException("keep " + keep + " (expected: at least 1)");
        }
        this.dir = Files.createDirectories(dir);
        this.iface = iface;
        this.ifacePrefix = "live-" + safe(iface) + "-";
        this.prefix = ifacePrefix + STAMP.format(runStart) + "-";
        this.rotateBytes = rotateBytes;
        this.keep = keep;
        this.linkType = linkType;
        this.snaplen = snaplen;
    }

    /** Interface names may hold characters file systems dislike (e.g. "any", "usbmon1", "eth0.100"). */
    private static String safe(String iface) {
        return iface.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** Appends a frame, rotating first when the current file is full. */
    public void write(Frame frame) throws IOException {
        if (writer == null || fileBytes >= rotateBytes) {
            rotate(frame.packetNumber());
        }
        writer.writePacket(interfaceId, frame, null);
        fileBytes += RECORD_OVERHEAD + pad4(frame.capturedLength());
        livePackets++;
    }

    private void rotate(long firstLivePacket) throws IOException {
        if (writer != null) {
            writer.close();
            writer = null;
        }
        Path file = dir.resolve(prefix + String.format("%05d", ++sequence) + ".pcapng");
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        writer = new PcapngWriter(out);
        interfaceId = writer.addInterface(linkType, snaplen, iface);
        fileBytes = FILE_HEADER + pad4(iface.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        filesWritten++;
        segments.addLast(new Segment(file, firstLivePacket));
        while (segments.size() > MAX_SEGMENTS_REMEMBERED) {
            segments.removeFirst();
        }
        prune();
    }

    private static long pad4(int n) {
        return (n + 3L) & ~3L;
    }

    /** Deletes the oldest files of this interface beyond {@code keep} (names sort by start time). */
    private void prune() throws IOException {
        Pattern mine = Pattern.compile(Pattern.quote(ifacePrefix)
                + "\\d{8}T\\d{6}Z-\\d{5}\\.pcapng");
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (mine.matcher(p.getFileName().toString()).matches()) {
                    files.add(p);
                }
            }
        }
        files.sort(null);
        for (int i = 0; i < files.size() - keep; i++) {
            Files.deleteIfExists(files.get(i));
        }
    }

    /** Pushes buffered frames to the current file, so it can be opened now. */
    public void flush() throws IOException {
        if (writer != null) {
            writer.flush();
        }
    }

    /**
     * Where live packet {@code n} was written, or null when its file was rotated away (or it was
     * never written). Cost: a walk over the files of this run still remembered.
     */
    public Location locate(long livePacketNumber) {
        Segment hit = null;
        for (Segment s : segments) {
            if (s.firstLivePacket() <= livePacketNumber) {
                hit = s;
            } else {
                break;
            }
        }
        if (hit == null || livePacketNumber > livePackets || !Files.exists(hit.file())) {
            return null;
        }
        return new Location(hit.file(), livePacketNumber - hit.firstLivePacket() + 1);
    }

    /** The files of this run still on disk, oldest first. */
    public List<Path> files() {
        List<Path> out = new ArrayList<>();
        for (Segment s : segments) {
            if (Files.exists(s.file())) {
                out.add(s.file());
            }
        }
        return out;
    }

    public long filesWritten() {
        return filesWritten;
    }

    public Path directory() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        if (writer != null) {
            PcapngWriter w = writer;
            writer = null;
            Objects.requireNonNull(w).close();
        }
    }
}
