package io.edgeaudit.verdict;

import io.edgeaudit.flow.Flow;
import io.edgeaudit.flow.FlowSink;
import io.edgeaudit.rules.Rule;
import io.edgeaudit.rules.RulePack;
import io.edgeaudit.topology.Topology;
import io.edgeaudit.topology.TopologyFinding;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Receives every ended flow, judges it with a {@link FlowClassifier}, counts per-rule coverage, and
 * builds the {@link AuditResult}. Holds one verdict per flow (the report lists them all). Not
 * thread-safe: it is the flow table's sink.
 */
public final class Auditor implements FlowSink {
    private final Topology topology;
    private final RulePack pack;
    private final FlowClassifier classifier;
    private final List<FlowVerdict> verdicts = new ArrayList<>();
    private final List<Violation> violations = new ArrayList<>();
    private final Map<String, long[]> coverage = new HashMap<>();

    public Auditor(Topology topology, RulePack pack, CapturePoints points) {
        this.topology = topology;
        this.pack = pack;
        this.classifier = new FlowClassifier(topology, pack, points);
        for (Rule r : pack.rules()) {
            coverage.put(r.id(), new long[3]);
        }
    }

    @Override
    public void flowEnded(Flow flow) {
        judge(flow);
    }

    /**
     * Judges an ended flow, keeps it for the report like {@link #flowEnded}, and returns the
     * judgement (watch prints its new findings at once without judging the flow a second time).
     */
    public Classification judge(Flow flow) {
        Classification c = classifier.classify(flow);
        verdicts.add(c.verdict());
        violations.addAll(c.violations());
        // coverage counts what a rule let through: a flow with a location finding is not counted
        if (c.allowedRuleId() != null && c.verdict().status() == FlowVerdict.Status.ALLOWED) {
            long[] n = coverage.get(c.allowedRuleId());
            n[0]++;
            n[1] += flow.packets();
            n[2] += flow.frameBytes();
        }
        return c;
    }

    /** Per rule, in pack order: flows it allowed, their packets and bytes, and whether its condition is on. */
    public List<RuleCoverage> coverage() {
        List<RuleCoverage> out = new ArrayList<>();
        for (Rule r : pack.rules()) {
            long[] n = coverage.get(r.id());
            out.add(new RuleCoverage(r.id(), r.table(), r.tableTitle(), r.row(), r.service(), r.sourceText(), r.destinationText(),
                    r.note(), r.conditionMet(topology), n[0], n[1], n[2]));
        }
        return out;
    }

    /**
     * The result of the run so far.
     *
     * @param files            the inputs
     * @param packets          frames read
     * @param bytes            captured bytes
     * @param anomalies        decoder anomaly counts
     * @param error            a run-level error line, or ""
     * @param topologyFindings the topology check's findings, for the requirement statuses
     */
    public AuditResult result(List<InputFile> files, long packets, long bytes, List<AnomalyCount> anomalies,
                              String error, List<TopologyFinding> topologyFindings, Severity failOn) {
        List<RuleCoverage> cov = coverage();
        long inScope = verdicts.stream().filter(FlowVerdict::inScope).count();
        List<RequirementStatus> reqs = RequirementEvaluator.evaluate(pack.requirements(), violations, cov,
                topologyFindings, inScope, false);
        return AuditResult.of(topology.name(), topology.file(), pack.name() + " (" + pack.location() + ")", files,
                packets, bytes, verdicts, violations, cov, reqs, List.of(), anomalies, error, failOn);
    }
}
