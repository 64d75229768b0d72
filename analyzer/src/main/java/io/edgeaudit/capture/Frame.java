package io.edgeaudit.capture;

/**
 * One captured frame as a reusable view. A {@link CaptureSource} fills the same instance for every
 * record, so a frame is valid only until the source advances: copy what must outlive it.
 *
 * <p>The bytes are {@code data()[dataOffset() .. dataOffset() + capturedLength())}; the array is the
 * reader's own buffer and must not be written to. Nothing here allocates per packet.
 */
public final class Frame {
    private CaptureFile file;
    private long packetNumber;
    private long fileOffset;
    private long dataFileOffset;
    private long timestampNanos;
    private int linkType;
    private int capturedLength;
    private int originalLength;
    private byte[] data;
    private int dataOffset;
    private int interfaceIndex = -1;
    private String interfaceName;
    private Direction direction = Direction.UNKNOWN;

    /**
     * Fills this view; called by readers only. {@code interfaceName} may be null; {@code interfaceIndex}
     * is -1 when the format has no interfaces (classic pcap).
     */
    public void set(CaptureFile file, long packetNumber, long fileOffset, long dataFileOffset,
                    long timestampNanos, int linkType,
                    byte[] data, int dataOffset, int capturedLength, int originalLength,
                    int interfaceIndex, String interfaceName, Direction direction) {
        this.file = file;
        this.packetNumber = packetNumber;
        this.fileOffset = fileOffset;
        this.dataFileOffset = dataFileOffset;
        this.timestampNanos = timestampNanos;
        this.linkType = linkType;
        this.data = data;
        this.dataOffset = dataOffset;
        this.capturedLength = capturedLength;
        this.originalLength = originalLength;
        this.interfaceIndex = interfaceIndex;
        this.interfaceName = interfaceName;
        this.direction = direction;
    }

    /** The file (or live interface) this frame came from; shared by all its frames. */
    public CaptureFile file() {
        return file;
    }

    /** 1-based record number within its file, as Wireshark's frame.number counts them. */
    public long packetNumber() {
        return packetNumber;
    }

    /** Byte offset of the record's header (pcap record header or pcapng block) in the uncompressed file. */
    public long fileOffset() {
        return fileOffset;
    }

    /** Byte offset of the frame's first data byte in the uncompressed file (-1 for live frames). */
    public long dataFileOffset() {
        return dataFileOffset;
    }

    /** Capture timestamp, nanoseconds since the Unix epoch (UTC). */
    public long timestampNanos() {
        return timestampNanos;
    }

    /** LINKTYPE_ number of this frame (per interface in pcapng). */
    public int linkType() {
        return linkType;
    }

    public byte[] data() {
        return data;
    }

    public int dataOffset() {
        return dataOffset;
    }

    /** Bytes present in the capture (at most the snaplen). */
    public int capturedLength() {
        return capturedLength;
    }

    /** Length of the frame on the wire; greater than {@link #capturedLength()} when the snaplen cut it. */
    public int originalLength() {
        return originalLength;
    }

    /** True when the snaplen cut this frame. */
    public boolean isTruncated() {
        return capturedLength < originalLength;
    }

    /** pcapng interface id within its section, made unique across sections by the reader; -1 for none. */
    public int interfaceIndex() {
        return interfaceIndex;
    }

    /** if_name (or if_description when there is no name) of the capture interface, or null. */
    public String interfaceName() {
        return interfaceName;
    }

    public Direction direction() {
        return direction;
    }
}
