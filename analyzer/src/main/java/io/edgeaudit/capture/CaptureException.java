package io.edgeaudit.capture;

import java.io.IOException;

/**
 * Reading a capture stopped: the file is not a capture, or a record cannot be trusted. The message
 * is one line, meant for the user as it is: {@code FILE: packet N at byte offset X: what (expected: ...)}.
 * Frames before it were delivered and are valid.
 */
public final class CaptureException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long packetNumber;
    private final long byteOffset;
    private final String reason;

    /**
     * @param packetNumber the 1-based number of the record that failed (0 for the file header)
     * @param byteOffset   offset of the failing bytes in the uncompressed file
     */
    public CaptureException(String file, long packetNumber, long byteOffset, String reason, Throwable cause) {
        super(file + ": " + (packetNumber > 0 ? "packet " + packetNumber : "file header")
                + " at byte offset " + byteOffset + ": " + reason, cause);
        this.file = file;
        this.packetNumber = packetNumber;
        this.byteOffset = byteOffset;
        this.reason = reason;
    }

    public CaptureException(String file, long packetNumber, long byteOffset, String reason) {
        this(file, packetNumber, byteOffset, reason, null);
    }

    public String file() {
        return file;
    }

    public long packetNumber() {
        return packetNumber;
    }

    public long byteOffset() {
        return byteOffset;
    }

    /** The reason alone, without file and position. */
    public String reason() {
        return reason;
    }
}
