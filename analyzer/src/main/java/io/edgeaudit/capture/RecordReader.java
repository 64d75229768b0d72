package io.edgeaudit.capture;

import java.io.IOException;

/**
 * Parses one capture format from a {@link RecordBuffer} into a {@link Frame}. The owning
 * {@link CaptureFileReader} handles opening, errors, digest and counters.
 */
abstract class RecordReader {
    /** Headers are checked by the constructor; the buffer starts at the file's first byte. */
    final CaptureFile file;
    final RecordBuffer in;
    final Frame frame;
    /** Records delivered so far; the next one is {@code packets + 1}. */
    long packets;
    long bytes;
    long truncated;

    RecordReader(CaptureFile file, RecordBuffer in, Frame frame) {
        this.file = file;
        this.in = in;
        this.frame = frame;
    }

    /** The format name for {@link CaptureFile#format()}, without "+gzip". */
    abstract String format();

    /** Reads the next record into the frame; false at a clean end of file. */
    abstract boolean readRecord() throws IOException;

    /** An error about the record that would be delivered next, starting at buffer index {@code index}. */
    final CaptureException error(int index, String reason) {
        return new CaptureException(file.name(), packets + 1, in.offset(index), reason);
    }

    /** Counts a delivered frame. */
    final void delivered(int capturedLength, int originalLength) {
        packets++;
        bytes += capturedLength;
        if (capturedLength < originalLength) {
            truncated++;
        }
    }
}
