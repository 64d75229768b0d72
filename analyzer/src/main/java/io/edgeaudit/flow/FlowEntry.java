package io.edgeaudit.flow;

import io.edgeaudit.net.IpAddress;

/**
 * One slot of the {@link FlowTable}: the key (oriented orig to resp), the live flow and its TCP
 * state, and the links of the expiry list it sits in. An entry outlives its flow for a while as
 * <em>dormant</em> ({@code flow == null}) so that the next flow of the same key gets the next
 * {@code split} number. Mutable; owned by the table.
 */
final class FlowEntry {
    final int hash;
    final int transport;
    final int vlanCount;
    final int outerVlan;
    final int innerVlan;
    IpAddress origAddr;
    IpAddress respAddr;
    int origPort;
    int respPort;

    /** The live flow, or null while dormant. */
    Flow flow;
    /** Creation ordinal of {@link #flow} (its uid is "F" + this). */
    long ordinal;
    /** TCP state of the live flow; null for other transports or while dormant. */
    TcpTracker tcp;
    /** Bit i set when observer i wants this flow's packets. */
    int observerMask;
    /** Bit i set when input file i (63 for any file from 63 on) gave this flow a packet. */
    long fileMask;
    /** Split number the next flow of this key gets. */
    int nextSplit;

    /** Which expiry list the entry is on, and the table clock when it was last put at that list's tail. */
    int list = -1;
    long listClock;
    FlowEntry prev;
    FlowEntry next;

    FlowEntry(int hash, int transport, int vlanCount, int outerVlan, int innerVlan) {
        this.hash = hash;
        this.transport = transport;
        this.vlanCount = vlanCount;
        this.outerVlan = outerVlan;
        this.innerVlan = innerVlan;
    }

    void orient(IpAddress orig, int origPort, IpAddress resp, int respPort) {
        this.origAddr = orig;
        this.origPort = origPort;
        this.respAddr = resp;
        this.respPort = respPort;
    }
}
