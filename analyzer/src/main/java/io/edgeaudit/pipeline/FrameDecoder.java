package io.edgeaudit.pipeline;

import io.edgeaudit.capture.Frame;
import io.edgeaudit.decode.Anomalies;
import io.edgeaudit.decode.Packet;

/**
 * What the pipeline needs from the decode stage: fill a reused {@link Packet} from each frame
 * without allocating, count anomalies, and flush pending state (fragment groups) at the end.
 * {@code io.edgeaudit.decode.PacketDecoder} is the implementation; tests may fill packets by hand.
 */
public interface FrameDecoder {

    /** Resets {@code packet} to {@code frame} and fills what the frame's bytes show. */
    void decode(Frame frame, Packet packet);

    /** Anomalies counted so far (the same instance for the whole run). */
    Anomalies anomalies();

    /** End of input: reports what is still pending (e.g. fragments whose first never came). */
    void finish();
}
