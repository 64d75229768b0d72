package io.edgeaudit.inspect.av;

import io.edgeaudit.decode.Anomalies;
import io.edgeaudit.decode.Packet;
import io.edgeaudit.flow.Flow;
import io.edgeaudit.flow.PacketObserver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * One {@link AvInspector} per capture point behind a single observer, for a flow table that reads the
 * files of several vantage points at once ({@code analyze}): a flow belongs to the capture point of its
 * vantage ({@link Flow#vantage()}, from its file or its pcapng interface), and each capture point keeps its own transactions and allocations, so
 * the same STUN request seen at the load balancer and at a node is two observations, not a retransmission.
 */
public final class CapturePointInspectors implements PacketObserver {
    private final IntFunction<String> pointOfVantage;
    private final Anomalies anomalies;
    private final AvInspector.Options options;
    private final Map<String, AvInspector> inspectors = new LinkedHashMap<>();
    private final Map<Flow, AvInspector> owner = new HashMap<>();

    /**
     * @param pointOfVantage capture point name for a flow's vantage id (never null; e.g. "capture" for
     *                       frames without a capture point)
     */
    public CapturePointInspectors(IntFunction<String> pointOfVantage, Anomalies anomalies,
                                  AvInspector.Options options) {
        this.pointOfVantage = pointOfVantage;
        this.anomalies = anomalies;
        this.options = options;
    }

    @Override
    public boolean wants(Flow flow) {
        // the flow's capture point is known only with its first packet; every inspector answers alike
        return flow.transport() == Packet.UDP || flow.transport() == Packet.TCP;
    }

    @Override
    public boolean onPacket(Flow flow, boolean fromOrig, Packet packet) {
        AvInspector inspector = owner.get(flow);
        if (inspector == null) {
            AvInspector chosen = inspectors.computeIfAbsent(pointOfVantage.apply(flow.vantage()),
                    name -> new AvInspector(name, anomalies, options));
            inspector = chosen.wants(flow) ? chosen : AvInspector.IGNORE;
            owner.put(flow, inspector);
        }
        return inspector != AvInspector.IGNORE && inspector.onPacket(flow, fromOrig, packet);
    }

    @Override
    public void flowEnded(Flow flow) {
        AvInspector inspector = owner.remove(flow);
        if (inspector != null && inspector != AvInspector.IGNORE) {
            inspector.flowEnded(flow);
        }
    }

    /** One result per capture point that saw traffic, in order of first traffic. */
    public List<AvCapture> finish() {
        List<AvCapture> out = new ArrayList<>();
        for (AvInspector i : inspectors.values()) {
            out.add(i.finish());
        }
        return out;
    }
}
