package io.edgeaudit.capture;

import java.util.Objects;

/**
 * One input of a run: a capture file or a live interface, and what reading it found. Identity is
 * by object: the same path given twice is two inputs. The counters are written by the reader that
 * owns it and read once it has finished.
 */
public final class CaptureFile {
    private final int index;
    private final String name;
    private String format = "unknown";
    private String sha256;
    private long packets;
    private long bytes;
    private long truncatedRecords;
    private CaptureException error;

    /**
     * @param index position of this input on the command line (0-based), used in packet references
     * @param name  the path as the user gave it, or {@code live:IFNAME}
     */
    public CaptureFile(int index, String name) {
        this.index = index;
        this.name = Objects.requireNonNull(name, "name");
    }

    public int index() {
        return index;
    }

    public String name() {
        return name;
    }

    /** "pcap", "pcap-ns", "pcapng", with "+gzip" when compressed, or "live". */
    public String format() {
        return format;
    }

    public void format(String format) {
        this.format = format;
    }

    /** Hex SHA-256 of the file's bytes as stored (compressed if it is), or null until read to the end. */
    public String sha256() {
        return sha256;
    }

    public void sha256(String sha256) {
        this.sha256 = sha256;
    }

    public long packets() {
        return packets;
    }

    public void packets(long packets) {
        this.packets = packets;
    }

    /** Sum of captured frame lengths. */
    public long bytes() {
        return bytes;
    }

    public void bytes(long bytes) {
        this.bytes = bytes;
    }

    /** Records the snaplen cut short (captured &lt; original length). */
    public long truncatedRecords() {
        return truncatedRecords;
    }

    public void truncatedRecords(long truncatedRecords) {
        this.truncatedRecords = truncatedRecords;
    }

    /** The error that stopped reading this input, or null when it was read to the end. */
    public CaptureException error() {
        return error;
    }

    public void error(CaptureException error) {
        this.error = error;
    }

    /** True when reading stopped early: what was read is analysed, but the results are partial. */
    public boolean isPartial() {
        return error != null;
    }

    @Override
    public String toString() {
        return name;
    }
}
