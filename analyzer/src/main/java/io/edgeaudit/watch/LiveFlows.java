package io.edgeaudit.watch;

import io.edgeaudit.decode.Packet;
import io.edgeaudit.flow.Flow;
import io.edgeaudit.flow.PacketObserver;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Knows which flows are live (started, not yet ended), so that a report window can judge the
 * long-lived ones before they end. Fed by the flow table as an observer of every flow: one set
 * insertion when a flow starts and one removal when it ends; nothing per packet.
 *
 * <p>Flows are kept in start order, so the ones that started before a time are found from the head
 * without walking the rest; a flow handed out once by {@link #takeStartedBefore} moves aside and is
 * not handed out again (its later findings come with its end).
 */
final class LiveFlows implements PacketObserver {
    private final Set<Flow> unjudged = new LinkedHashSet<>();
    private final Set<Flow> judged = new HashSet<>();

    @Override
    public boolean wants(Flow flow) {
        unjudged.add(flow);
        return true;
    }

    @Override
    public boolean onPacket(Flow flow, boolean fromOrig, Packet packet) {
        // nothing per packet, but the table brings a flow's counters up to date only for flows an
        // observer follows, and a window reads them while the flow is live: keep following
        return true;
    }

    @Override
    public void flowEnded(Flow flow) {
        if (!unjudged.remove(flow)) {
            judged.remove(flow);
        }
    }

    /**
     * The live flows that started before {@code tsNanos} (capture time) and were not handed out
     * before, oldest first. Cost: the flows returned, plus one.
     */
    List<Flow> takeStartedBefore(long tsNanos) {
        List<Flow> out = new ArrayList<>();
        Iterator<Flow> it = unjudged.iterator();
        while (it.hasNext()) {
            Flow f = it.next();
            if (f.tsFirst() >= tsNanos) {
                break;
            }
            it.remove();
            judged.add(f);
            out.add(f);
        }
        return out;
    }

    int size() {
        return unjudged.size() + judged.size();
    }
}
