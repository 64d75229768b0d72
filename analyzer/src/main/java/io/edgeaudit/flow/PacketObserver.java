package io.edgeaudit.flow;

import io.edgeaudit.decode.Packet;

/**
 * An application inspector fed by the flow table (STUN/TURN, MS-TURN on TCP 443, ...). The table asks
 * {@link #wants} once per new flow and remembers the answer, so uninteresting flows cost nothing more.
 */
public interface PacketObserver {

    /** Called once when a flow starts; true to receive its packets. */
    boolean wants(Flow flow);

    /**
     * One packet of a wanted flow, after the flow's counters were updated. The packet is a reused
     * view: copy what must outlive the call.
     *
     * @param fromOrig true when the packet travels originator to responder
     * @return false when this observer wants no more packets of the flow (its mind is made up, as
     *         Zeek's analyzers detach); {@link #flowEnded} still follows
     */
    boolean onPacket(Flow flow, boolean fromOrig, Packet packet);

    /** The flow ended; no further packets follow for it. Called for every flow {@link #wants} took. */
    default void flowEnded(Flow flow) {
    }
}
