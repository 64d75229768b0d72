package io.edgeaudit.verdict.av;

import io.edgeaudit.inspect.av.Allocation;
import io.edgeaudit.inspect.av.AvCapture;
import io.edgeaudit.verdict.AvAllocation;

import java.util.ArrayList;
import java.util.List;

/** Turns the A/V results into the {@link AvAllocation} rows of the common outputs (report.json). */
public final class AvAllocations {
    private AvAllocations() {
    }

    /** One row per TURN allocation (STUN-only sessions are left out), capture point by capture point. */
    public static List<AvAllocation> rows(AvVerdicts verdicts, AvTopology topo) {
        List<AvAllocation> out = new ArrayList<>();
        for (AvCapture c : verdicts.captures()) {
            for (Allocation a : c.allocations()) {
                if (!a.isTurn()) {
                    continue;
                }
                AllocationReport r = AllocationReport.of(a, verdicts.of(a), topo);
                String node = topo.nodeOf(a.server().ip())
                        .orElseGet(() -> topo.capturePointNodes().getOrDefault(a.capturePoint(), ""));
                out.add(new AvAllocation(a.firstFlowUid(), a.transport() + (a.framing().equals(a.transport()) ? ""
                        : "/" + a.framing()), r.client(), r.server(), r.relayed(), r.mapped(), node, r.realm(), r.username(),
                        r.software(), r.serverSoftware(), r.verdict(),
                        r.sentence()));
            }
        }
        return out;
    }
}
