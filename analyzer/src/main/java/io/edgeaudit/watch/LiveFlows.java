package io.edgeaudit.watch;

import io.edgeaudit.decode.Packet;
import io.edgeaudit.flow.Flow;
import io.edgeaudit.flow.PacketObserver;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Knows which flows are live (started, not yet ended), so that a report window can classify the
 * long-lived ones before they end. Fed by the flow table as an observer of every flow: costs one set
 * insertion when a flow starts and one removal when it ends; nothing per packet.
 */
final class LiveFlows implements PacketObserver {
    private final Set<Flow> live = new LinkedHashSet<>();

    @Override
    public boolean wants(Flow flow) {
        live.add(flow);
        return true;
    }

    @Override
    public void onPacket(Flow flow, boolean fromOrig, Packet packet) {
        // nothing per packet: the flow's own counters are what a window needs
    }

    @Override
    public void flowEnded(Flow flow) {
        live.remove(flow);
    }

    /** The live flows, oldest first, as a copy (the caller may end flows while walking it). */
    List<Flow> snapshot() {
        return new ArrayList<>(live);
    }

    int size() {
        return live.size();
    }
}
