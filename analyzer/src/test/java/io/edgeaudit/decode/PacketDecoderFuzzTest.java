package io.edgeaudit.decode;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.edgeaudit.capture.Frame;
import io.edgeaudit.capture.LinkType;
import io.edgeaudit.decode.ip.FragmentTracker;

import java.util.Arrays;

/**
 * Fuzz target for {@link PacketDecoder} (issue 7): arbitrary frame bytes under every link type, with
 * and without a snaplen cut. Nothing may escape and every packet keeps {@link PacketInvariants}. The
 * frame's buffer ends where its bytes end, so a read past the frame is an exception, not a guard byte.
 *
 * <p>Input layout: byte 0 picks the link type from {@link #LINK_TYPES}, byte 1 is how many bytes the
 * snaplen cut off (original length = captured + byte 1), the rest is the frame. The frame is decoded
 * twice a second apart and once more after the fragment timeout, through a tracker of capacity 2, so
 * fragment groups are created, found, evicted and expired; then {@link PacketDecoder#finish()} runs.
 *
 * <p>{@code mvn test} runs only the seeds in {@code PacketDecoderFuzzTestInputs/} (regression mode);
 * {@code analyzer/fuzz.sh} fuzzes for real. Every crash found becomes a seed there.
 */
class PacketDecoderFuzzTest {
    static final int[] LINK_TYPES = {LinkType.ETHERNET, LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.RAW,
            LinkType.IPV4, LinkType.IPV6, LinkType.NULL, LinkType.LOOP, LinkType.DLT_RAW_12, LinkType.DLT_RAW_14, 147};
    private static final long SECOND = 1_000_000_000L;

    @FuzzTest(maxDuration = "5m")
    void decodesArbitraryFramesWithoutEscapingAndKeepsInvariants(byte[] input) {
        if (input.length < 2) {
            return;
        }
        int linkType = LINK_TYPES[(input[0] & 0xff) % LINK_TYPES.length];
        int cut = input[1] & 0xff;
        byte[] bytes = Arrays.copyOfRange(input, 2, input.length);
        Anomalies anomalies = new Anomalies();
        PacketDecoder decoder = new PacketDecoder(anomalies, new FragmentTracker(anomalies, 2, 30 * SECOND));
        Packet p = new Packet();
        long[] times = {0, SECOND, 40 * SECOND};
        for (int i = 0; i < times.length; i++) {
            Frame f = TestFrames.tightFrame(linkType, bytes, bytes.length + cut, times[i], i + 1);
            PacketInvariants.check(f, p, decoder.decode(f, p));
        }
        decoder.finish();
    }
}
