package io.edgeaudit.capture;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * A stream of frames: a file, a merged set of files, or a live interface. Everything after this
 * interface is one code path for files and live capture.
 *
 * <pre>{@code
 * try (CaptureSource source = ...) {
 *     while (source.next()) {
 *         Frame f = source.frame();   // valid until the next call to next()
 *     }
 * }
 * }</pre>
 */
public interface CaptureSource extends Closeable {

    /**
     * Advances to the next frame.
     *
     * @return false at the end of the input
     * @throws CaptureException when the input is malformed; the frames before it stay valid, the
     *                          failing {@link CaptureFile} records the error, and a source made of
     *                          several files may go on with the next one when called again
     * @throws IOException      on an I/O failure of the underlying file or device
     */
    boolean next() throws IOException;

    /** The current frame; the same instance after every {@link #next()}. */
    Frame frame();

    /** The inputs behind this source, in command-line order. */
    List<CaptureFile> files();
}
