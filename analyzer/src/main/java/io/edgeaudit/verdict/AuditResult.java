package io.edgeaudit.verdict;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a writer needs about one analysis run, already decided: writers (console, JSON, CSV,
 * HTML, history) only format it. Immutable; lists are copied. Build with {@link #of}; later checks
 * (A/V) add theirs with {@link #withAv}, which recomputes the summary.
 *
 * @param topology     the topology's name
 * @param topologyPath the topology file as given, or ""
 * @param pack         the rule pack's name and where it was loaded from, e.g. "lync2013-edge-hlb (rules/lync2013-edge-hlb.csv)"
 * @param summary      counts derived from the lists below
 * @param files        the inputs in command-line order
 * @param flows        every flow and how it was judged, in the order flows ended
 * @param violations   every finding, ordered by severity (errors first), then flow order
 * @param coverage     one entry per pack rule, in pack order
 * @param requirements the HLB requirements and their status, in pack order
 * @param allocations  A/V allocations (empty until the A/V checks add them)
 * @param anomalies    decoder anomaly counts
 * @param error        a run-level one-line error (I/O failure of a device or disk), or ""
 */
public record AuditResult(String topology, String topologyPath, String pack, AuditSummary summary,
                          List<InputFile> files, List<FlowVerdict> flows, List<Violation> violations,
                          List<RuleCoverage> coverage, List<RequirementStatus> requirements,
                          List<AvAllocation> allocations, List<AnomalyCount> anomalies, String error) {

    public AuditResult {
        Objects.requireNonNull(summary, "summary");
        files = List.copyOf(files);
        flows = List.copyOf(flows);
        violations = List.copyOf(violations);
        coverage = List.copyOf(coverage);
        requirements = List.copyOf(requirements);
        allocations = List.copyOf(allocations);
        anomalies = List.copyOf(anomalies);
    }

    /**
     * Builds a result and derives its summary.
     *
     * @param packets frames read, all inputs
     * @param bytes   captured bytes, all inputs
     */
    public static AuditResult of(String topology, String topologyPath, String pack, List<InputFile> files,
                                 long packets, long bytes, List<FlowVerdict> flows, List<Violation> violations,
                                 List<RuleCoverage> coverage, List<RequirementStatus> requirements,
                                 List<AvAllocation> allocations, List<AnomalyCount> anomalies, String error,
                                 Severity failOn) {
        List<Violation> sorted = new ArrayList<>(violations);
        // stable: equal severities keep the order in which the checks reported them
        sorted.sort((a, b) -> b.severity().compareTo(a.severity()));
        long inScope = 0;
        long allowed = 0;
        long violating = 0;
        for (FlowVerdict f : flows) {
            switch (f.status()) {
                case ALLOWED -> {
                    inScope++;
                    allowed++;
                }
                case VIOLATION -> {
                    inScope++;
                    violating++;
                }
                case OUT_OF_SCOPE -> {
                }
            }
        }
        int errors = 0;
        int warnings = 0;
        int infos = 0;
        boolean failing = false;
        for (Violation v : sorted) {
            switch (v.severity()) {
                case ERROR -> errors++;
                case WARNING -> warnings++;
                case INFO -> infos++;
            }
            failing |= v.severity().atLeast(failOn);
        }
        boolean partial = !error.isEmpty() || files.stream().anyMatch(InputFile::partial)
                || flows.stream().anyMatch(f -> f.flow().partial());
        AuditSummary summary = new AuditSummary(files.size(), packets, bytes, flows.size(), inScope,
                flows.size() - inScope, allowed, violating, sorted.size(), errors, warnings, infos, failOn, !failing,
                partial);
        return new AuditResult(topology, topologyPath, pack, summary, files, flows, sorted, coverage, requirements,
                allocations, anomalies, error);
    }

    /**
     * This result with the A/V checks' findings and allocations added. A finding of the same kind on
     * the same flow as one of the port rules' is dropped (the port rules and the A/V checks may both see
     * SNAT on an A/V flow), and so is an exact repeat of an A/V finding; A/V findings that differ in
     * their evidence are all kept (with several capture points, {@code av} reports the same kind once
     * per point and exchange, and av.json lists them all). Flows with new findings become violations;
     * the summary is recomputed.
     */
    public AuditResult withAv(List<Violation> avViolations, List<AvAllocation> avAllocations) {
        Set<String> present = new HashSet<>();
        for (Violation v : violations) {
            present.add(v.kind() + " " + v.flowUid());
        }
        List<Violation> all = new ArrayList<>(violations);
        Map<String, List<ViolationKind>> added = new LinkedHashMap<>();
        Set<Violation> repeats = new HashSet<>();
        for (Violation v : avViolations) {
            if (!present.contains(v.kind() + " " + v.flowUid()) && repeats.add(v)) {
                all.add(v);
                List<ViolationKind> kinds = added.computeIfAbsent(v.flowUid(), k -> new ArrayList<>());
                if (!kinds.contains(v.kind())) {
                    kinds.add(v.kind());
                }
            }
        }
        List<FlowVerdict> flowsOut = new ArrayList<>(flows.size());
        for (FlowVerdict f : flows) {
            List<ViolationKind> more = added.get(f.flow().uid());
            flowsOut.add(more == null ? f : f.withViolations(more));
        }
        List<AvAllocation> allocs = new ArrayList<>(allocations);
        allocs.addAll(avAllocations);
        List<Violation> fresh = all.subList(violations.size(), all.size());
        List<RequirementStatus> reqs = RequirementEvaluator.update(requirements, fresh, !allocs.isEmpty());
        return of(topology, topologyPath, pack, files, summary.packets(), summary.bytes(), flowsOut, all, coverage,
                reqs, allocs, anomalies, error, summary.failOn());
    }

    /**
     * The exit code for this result (README "Exit codes"): 2 when an input was cut short (the verdict
     * covers only what could be read), else 1 for findings at or above fail-on, else 0.
     */
    public int exitCode() {
        if (summary.partial()) {
            return 2;
        }
        return summary.compliant() ? 0 : 1;
    }
}
