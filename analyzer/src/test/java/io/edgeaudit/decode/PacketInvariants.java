package io.edgeaudit.decode;

import io.edgeaudit.capture.Frame;

/**
 * What every decoded {@link Packet} promises whatever the input: every offset it hands out lies
 * within the frame's captured bytes, and lengths are consistent. Used by the corpus and fuzz tests.
 */
public final class PacketInvariants {
    private PacketInvariants() {
    }

    /** @throws AssertionError naming the first broken promise */
    public static void check(Frame f, Packet p, boolean found) {
        int start = f.dataOffset();
        int end = start + f.capturedLength();
        require(found == p.hasTransport(), "decode() returns hasTransport()", p);
        require(p.vlanCount >= 0 && p.vlanCount <= 2, "vlanCount in 0..2", p);
        if (p.ipVersion == 0) {
            require(p.transport == Packet.NONE && !p.hasPorts, "no transport without IP", p);
            return;
        }
        require(p.ipVersion == 4 && p.addrLength == 4 || p.ipVersion == 6 && p.addrLength == 16, "address length", p);
        require(within(p.ipOffset, 0, start, end), "ipOffset", p);
        require(within(p.srcAddrOffset, p.addrLength, start, end), "srcAddrOffset", p);
        require(within(p.dstAddrOffset, p.addrLength, start, end), "dstAddrOffset", p);
        require(p.capturedPayloadLength >= 0, "capturedPayloadLength >= 0", p);
        require(within(p.payloadOffset, p.capturedPayloadLength, start, end), "payload within frame", p);
        require(p.capturedPayloadLength <= p.wirePayloadLength, "captured <= wire payload", p);
        require(p.srcPort >= 0 && p.srcPort <= 0xffff && p.dstPort >= 0 && p.dstPort <= 0xffff, "ports", p);
        require(!p.firstFragment || p.fragment, "firstFragment implies fragment", p);
        require(p.priorFragments == 0 || p.firstFragment, "prior fragments only on a first fragment", p);
        if (p.hasQuote()) {
            require(p.quotedAddrLength == 4 || p.quotedAddrLength == 16, "quoted address length", p);
            require(within(p.quotedSrcAddrOffset, p.quotedAddrLength, start, end), "quotedSrcAddrOffset", p);
            require(within(p.quotedDstAddrOffset, p.quotedAddrLength, start, end), "quotedDstAddrOffset", p);
        } else {
            require(!p.quotedHasPorts, "no quoted ports without a quote", p);
        }
    }

    private static boolean within(int offset, int length, int start, int end) {
        return offset >= start && length >= 0 && offset <= end && length <= end - offset;
    }

    private static void require(boolean ok, String what, Packet p) {
        if (!ok) {
            throw new AssertionError("packet invariant broken: " + what + " (frame " + p.frame.packetNumber()
                    + ", ip " + p.ipVersion + ", transport " + p.transport + ", payload " + p.payloadOffset + "+"
                    + p.capturedPayloadLength + ")");
        }
    }
}
