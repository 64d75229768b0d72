package io.edgeaudit.decode.ip;

import io.edgeaudit.capture.LinkType;
import io.edgeaudit.decode.Anomalies;
import io.edgeaudit.decode.Packet;
import io.edgeaudit.decode.TestFrames;
import io.edgeaudit.decode.Weird;
import org.junit.jupiter.api.Test;

import static io.edgeaudit.decode.Fixtures.ipv4;
import static io.edgeaudit.decode.Fixtures.payload;
import static io.edgeaudit.decode.TestFrames.DATA_OFFSET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FragmentTrackerTest {
    private static final long SECOND = 1_000_000_000L;

    private final Anomalies anomalies = new Anomalies();

    /** A later IPv4 fragment (offset 8 units) of datagram {@code id}, as Ipv4Decoder leaves it. */
    private static Packet later(int id, int protocol, long timestampNanos) {
        byte[] bytes = ipv4(protocol, 16, id, 8).bytes(payload(16)).toArray();
        Packet p = TestFrames.packet(TestFrames.frame(LinkType.IPV4, bytes, bytes.length, timestampNanos));
        p.ipVersion = 4;
        p.ipOffset = DATA_OFFSET;
        p.srcAddrOffset = DATA_OFFSET + 12;
        p.dstAddrOffset = DATA_OFFSET + 16;
        p.addrLength = 4;
        p.ipId = id;
        p.transport = protocol;
        p.fragment = true;
        p.wirePayloadLength = 16;
        return p;
    }

    /** The first fragment of the same datagram, with the ports a transport decoder found. */
    private static Packet first(int id, int protocol, long timestampNanos) {
        Packet p = later(id, protocol, timestampNanos);
        p.firstFragment = true;
        p.hasPorts = true;
        p.srcPort = 5060;
        p.dstPort = 5061;
        return p;
    }

    @Test
    void groupsNeverExceedTheCapacity() {
        FragmentTracker tracker = new FragmentTracker(anomalies, 100, 30 * SECOND);
        for (int id = 0; id < 1000; id++) {
            tracker.later(later(id, Packet.UDP, 0));
        }
        assertEquals(100, tracker.size());
        assertEquals(900, anomalies.count(Weird.FRAGMENT_WITHOUT_FIRST), "each evicted group held one fragment");
        tracker.finish();
        assertEquals(0, tracker.size());
        assertEquals(1000, anomalies.count(Weird.FRAGMENT_WITHOUT_FIRST));
    }

    @Test
    void groupsExpireAfterTheTimeoutOfCaptureTime() {
        FragmentTracker tracker = new FragmentTracker(anomalies, 100, 30 * SECOND);
        tracker.first(first(1, Packet.UDP, 0));
        tracker.later(later(2, Packet.UDP, 10 * SECOND));
        tracker.expire(30 * SECOND);
        assertEquals(2, tracker.size());
        tracker.expire(31 * SECOND);
        assertEquals(1, tracker.size());
        assertEquals(0, anomalies.count(Weird.FRAGMENT_WITHOUT_FIRST), "a group with its first fragment is not an anomaly");
        tracker.expire(41 * SECOND);
        assertEquals(0, tracker.size());
        assertEquals(1, anomalies.count(Weird.FRAGMENT_WITHOUT_FIRST));
    }

    @Test
    void ipv4GroupsAreKeyedByProtocolToo() {
        FragmentTracker tracker = new FragmentTracker(anomalies);
        tracker.first(first(9, Packet.UDP, 0));
        Packet otherProtocol = later(9, Packet.TCP, 0);
        tracker.later(otherProtocol);
        assertFalse(otherProtocol.hasPorts);
        Packet same = later(9, Packet.UDP, 0);
        tracker.later(same);
        assertTrue(same.hasPorts);
        assertEquals(5061, same.dstPort);
    }

    @Test
    void aRepeatedFirstFragmentHandsOverNothingTwice() {
        FragmentTracker tracker = new FragmentTracker(anomalies);
        tracker.later(later(3, Packet.UDP, 0));
        Packet firstCopy = first(3, Packet.UDP, 0);
        tracker.first(firstCopy);
        assertEquals(1, firstCopy.priorFragments);
        assertEquals(16, firstCopy.priorFragmentBytes);
        Packet again = first(3, Packet.UDP, 0);
        tracker.first(again);
        assertEquals(0, again.priorFragments);
    }

    @Test
    void nonsenseBoundsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FragmentTracker(anomalies, 0, SECOND));
        assertThrows(IllegalArgumentException.class, () -> new FragmentTracker(anomalies, 1, -1));
    }
}
