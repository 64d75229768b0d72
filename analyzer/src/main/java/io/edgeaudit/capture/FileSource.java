package io.edgeaudit.capture;

import java.io.IOException;

/**
 * A {@link CaptureSource} over one file that can let go of its resources between frames, so a
 * merge of many files keeps only those it is reading open.
 */
interface FileSource extends CaptureSource {

    /** The file this source reads. */
    CaptureFile file();

    /**
     * Releases the open file and its buffer, keeping the current frame's position. Cheap to undo
     * only right after the first frame, which is when the merge uses it.
     */
    void suspend();

    /**
     * Undoes {@link #suspend()}: reopens the file and reads up to the frame that was current, which
     * is current again. No-op unless suspended.
     *
     * @throws CaptureException when the file no longer reads as it did
     */
    void resume() throws IOException;
}
