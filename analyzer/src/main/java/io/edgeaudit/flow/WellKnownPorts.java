package io.edgeaudit.flow;

import java.util.BitSet;

/** Ports taken as servers when no handshake decides: below 1024, plus common service ports. */
final class WellKnownPorts {
    private static final int[] TCP_EXTRA = {1433, 1521, 1723, 3306, 3389, 4443, 5060, 5061, 5062, 5222,
            5223, 5269, 5432, 6379, 8057, 8080, 8443, 23456, 50001, 50002, 50003};
    private static final int[] UDP_EXTRA = {1194, 1812, 1813, 3478, 3479, 4500, 5004, 5060, 5349, 19302};

    private WellKnownPorts() {
    }

    static BitSet tcp() {
        return build(TCP_EXTRA);
    }

    static BitSet udp() {
        return build(UDP_EXTRA);
    }

    private static BitSet build(int[] extra) {
        BitSet b = new BitSet(65536);
        b.set(1, 1024);
        for (int p : extra) {
            b.set(p);
        }
        return b;
    }
}
