package io.edgeaudit.flow;

import io.edgeaudit.net.IpAddress;

/**
 * One slot of the {@link FlowTable}: the key (oriented orig to resp), the live flow and its TCP
 * state, and the links of the expiry list it sits in. An entry outlives its flow for a while as
 * <em>dormant</em> ({@code flow == null}) so that the next flow of the same key gets the next
 * {@code split} number. Mutable; owned by the table. For a TCP key the entry is also the live
 * flow's {@link TcpTracker} (reset when the next flow of the key starts).
 */
final class FlowEntry extends TcpTracker {
    final int hash;
    /** Vantage id ({@link VantageResolver}): part of the key. */
    final int vantage;
    final int transport;
    /** 4 or 16: part of the key, since an IPv4 address and an IPv6 one can have equal longs. */
    final int addrLength;
    final int vlanCount;
    final int outerVlan;
    final int innerVlan;
    /** Address bytes as two big-endian longs (IPv4: 0 and the 4 bytes), for compares without dereferencing. */
    long origHi;
    long origLo;
    long respHi;
    long respLo;
    IpAddress origAddr;
    IpAddress respAddr;
    int origPort;
    int respPort;

    /** The live flow, or null while dormant. */
    Flow flow;
    /** Creation ordinal of {@link #flow} (its uid is "F" + this). */
    long ordinal;
    /** Bit i set when observer i wants this flow's packets (cleared when it detaches). */
    int observerMask;
    /** Bit i set when observer i took this flow: it is told when the flow ends. */
    int endMask;
    /** Bit i set when input file i (63 for any file from 63 on) gave this flow a packet. */
    long fileMask;
    /** Split number the next flow of this key gets. */
    int nextSplit;

    /**
     * Counters not yet added to the flow's {@link Side}s: packets touch only the entry (one cache
     * line fewer per packet); {@link FlowTable} flushes them before observers run and when the flow ends.
     */
    long origPackets;
    long origFrameBytes;
    long origPayloadBytes;
    long respPackets;
    long respFrameBytes;
    long respPayloadBytes;
    long tsLast;
    /** Packet references given to the flow so far (at most {@link Flow#MAX_FIRST_PACKETS}). */
    int refs;

    /** Table clock at this entry's last packet. */
    long lastClock;
    /**
     * Which expiry list the entry is on, and the table clock when it was put at that list's tail.
     * Packets do not move an entry in its list: the sweep re-appends an entry it finds still active.
     */
    int list = -1;
    long listClock;
    FlowEntry prev;
    FlowEntry next;

    FlowEntry(int hash, int vantage, int transport, int addrLength, int vlanCount, int outerVlan, int innerVlan) {
        this.hash = hash;
        this.vantage = vantage;
        this.transport = transport;
        this.addrLength = addrLength;
        this.vlanCount = vlanCount;
        this.outerVlan = outerVlan;
        this.innerVlan = innerVlan;
    }

    void orient(IpAddress orig, long origHi, long origLo, int origPort,
                IpAddress resp, long respHi, long respLo, int respPort) {
        this.origAddr = orig;
        this.origHi = origHi;
        this.origLo = origLo;
        this.origPort = origPort;
        this.respAddr = resp;
        this.respHi = respHi;
        this.respLo = respLo;
        this.respPort = respPort;
    }
}
