package io.edgeaudit.verdict.av;

import io.edgeaudit.decode.Anomalies;
import io.edgeaudit.flow.PacketObserver;
import io.edgeaudit.inspect.av.AvInspector;
import io.edgeaudit.inspect.av.CapturePointInspectors;
import io.edgeaudit.topology.Topology;
import io.edgeaudit.verdict.AuditResult;

import java.util.function.IntFunction;

/**
 * The A/V checks inside {@code analyze}: add {@link #observer()} to the analysis' flow table, then
 * {@link #addTo} the finished result. Findings then appear in report.json, violations.csv and the
 * console with the port rules' findings, on the same flow uids.
 */
public final class AvAudit {
    private final AvTopology topology;
    private final CapturePointInspectors inspectors;

    /**
     * @param pointOfVantage the capture point name of a flow's vantage id ({@code Flow#vantage()};
     *                       "capture" or similar when none)
     * @param anomalies   where STUN anomalies are counted (the decoder's, so they share the report)
     */
    public AvAudit(Topology topology, IntFunction<String> pointOfVantage, Anomalies anomalies) {
        this.topology = AvTopology.of(topology);
        this.inspectors = new CapturePointInspectors(pointOfVantage, anomalies, new AvInspector.Options(
                this.topology.relayPortMin(), this.topology.relayPortMax(), true, false));
    }

    public PacketObserver observer() {
        return inspectors;
    }

    /** The checks over what the observer saw, merged into {@code result} (call after the pipeline ran). */
    public AuditResult addTo(AuditResult result) {
        AvVerdicts v = AvChecks.check(topology, inspectors.finish());
        return result.withAv(v.violations(), AvAllocations.rows(v, topology));
    }
}
