package io.edgeaudit.inspect.stun;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.edgeaudit.inspect.stream.StreamReassembler;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes the STUN/MS-TURN decoder and the TCP framing (issue 7): no input may throw or loop, and every
 * decoded message must lie within the bytes given. In regression mode (the default test run) the seeds
 * in {@code StunDecoderFuzzTestInputs/} run; {@code JAZZER_FUZZ=1} fuzzes for {@code maxDuration}.
 */
class StunDecoderFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void decoderAndFramerNeverThrow(byte[] data) {
        StunDecodeResult r = StunDecoder.decode(data, 0, data.length);
        if (r instanceof StunDecodeResult.Decoded d) {
            assertTrue(d.message().length() <= data.length);
            assertTrue(d.message().attributes().size() <= StunDecoder.MAX_ATTRIBUTES);
        }
        if (data.length > 1) {
            // the same bytes as a TCP stream, split in two segments
            StunStreamFramer framer = new StunStreamFramer(new StunEvents() {
                @Override
                public void message(StunMessage message) {
                }

                @Override
                public void malformed(String reason) {
                }

                @Override
                public void channelData(int channel, int length) {
                }

                @Override
                public void relayedData(int length) {
                }
            });
            StreamReassembler stream = new StreamReassembler(70_000, framer);
            stream.syn(0);
            int half = data.length / 2;
            stream.offer(1, data, 0, half);
            stream.offer(1 + half, data, half, data.length - half);
        }
    }
}
