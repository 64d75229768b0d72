package io.edgeaudit.capture;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads a source to its end (or first error) into plain values, for assertions. */
final class Frames {
    /** A frame's fields copied out of the reader's buffer. */
    record Copy(String file, long number, long fileOffset, long dataFileOffset, long ts, int linkType, byte[] data,
                int originalLength, int interfaceIndex, String interfaceName, Direction direction) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Copy c && file.equals(c.file) && number == c.number && fileOffset == c.fileOffset
                    && dataFileOffset == c.dataFileOffset && ts == c.ts && linkType == c.linkType
                    && Arrays.equals(data, c.data) && originalLength == c.originalLength
                    && interfaceIndex == c.interfaceIndex && java.util.Objects.equals(interfaceName, c.interfaceName)
                    && direction == c.direction;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(ts) * 31 + (int) number;
        }

        @Override
        public String toString() {
            return file + "#" + number + "@" + fileOffset + " ts=" + ts + " lt=" + linkType + " cap=" + data.length
                    + " orig=" + originalLength + " if=" + interfaceIndex + "/" + interfaceName + " " + direction;
        }
    }

    /** Frames read, and the error that ended reading (null at a clean end). */
    record Result(List<Copy> frames, CaptureException error) {
    }

    private Frames() {
    }

    static Copy copy(Frame f) {
        return new Copy(f.file().name(), f.packetNumber(), f.fileOffset(), f.dataFileOffset(), f.timestampNanos(),
                f.linkType(), Arrays.copyOfRange(f.data(), f.dataOffset(), f.dataOffset() + f.capturedLength()),
                f.originalLength(), f.interfaceIndex(), f.interfaceName(), f.direction());
    }

    /** Reads until the end, or the first error. */
    static Result read(CaptureSource source) throws IOException {
        List<Copy> frames = new ArrayList<>();
        try {
            while (source.next()) {
                frames.add(copy(source.frame()));
            }
            return new Result(frames, null);
        } catch (CaptureException e) {
            return new Result(frames, e);
        }
    }
}
