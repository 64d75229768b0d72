package io.edgeaudit.pipeline;

/** Told how far a run is, from the pipeline's thread, every few ten thousand packets and at the end. */
@FunctionalInterface
public interface ProgressListener {
    /**
     * @param filesStarted inputs reached so far (1-based count)
     * @param packets      frames read so far, all inputs
     * @param bytes        captured bytes of those frames
     */
    void progress(int filesStarted, long packets, long bytes);
}
