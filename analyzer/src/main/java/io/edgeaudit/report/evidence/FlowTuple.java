package io.edgeaudit.report.evidence;

import java.util.Arrays;

/**
 * A directed 5-tuple (transport, source address and port, destination address and port) as a hash
 * key. Stored keys are immutable by convention; the selector keeps one mutable probe that it refills
 * from each packet's buffer, so a lookup allocates nothing.
 */
final class FlowTuple {
    int transport;
    final byte[] src = new byte[16];
    final byte[] dst = new byte[16];
    int addrLength;
    int srcPort;
    int dstPort;
    private int hash;

    /** Fills this tuple from addresses at offsets in {@code buf}; {@code length} is 4 or 16. */
    FlowTuple set(int transport, byte[] buf, int srcOffset, int srcPort, int dstOffset, int dstPort, int length) {
        this.transport = transport;
        this.addrLength = length;
        System.arraycopy(buf, srcOffset, src, 0, length);
        System.arraycopy(buf, dstOffset, dst, 0, length);
        Arrays.fill(src, length, 16, (byte) 0);
        Arrays.fill(dst, length, 16, (byte) 0);
        this.srcPort = srcPort;
        this.dstPort = dstPort;
        int h = transport;
        h = 31 * h + Arrays.hashCode(src);
        h = 31 * h + Arrays.hashCode(dst);
        h = 31 * h + srcPort;
        this.hash = 31 * h + dstPort;
        return this;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlowTuple t && t.hash == hash && t.transport == transport && t.addrLength == addrLength
                && t.srcPort == srcPort && t.dstPort == dstPort && Arrays.equals(t.src, src) && Arrays.equals(t.dst, dst);
    }
}
