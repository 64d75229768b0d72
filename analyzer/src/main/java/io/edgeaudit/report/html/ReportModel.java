package io.edgeaudit.report.html;

import io.edgeaudit.verdict.AnomalyCount;
import io.edgeaudit.verdict.AuditSummary;
import io.edgeaudit.verdict.AvAllocation;
import io.edgeaudit.verdict.InputFile;
import io.edgeaudit.verdict.RequirementStatus;
import io.edgeaudit.verdict.RuleCoverage;
import io.edgeaudit.verdict.Violation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything the HTML page shows, already decided: the page formats it and decides nothing. Built
 * from an {@link io.edgeaudit.verdict.AuditResult} by {@link ReportModels}, or directly by tests.
 * Immutable; lists are copied. Strings may come from packet data and are escaped by the writer,
 * never here.
 *
 * @param title        page title, e.g. "edgeaudit report: pool1"
 * @param generatedAt  when the report was written
 * @param tool         tool name and version, e.g. "edgeaudit 0.1.0"
 * @param topology     the topology's name or path and the rule pack, or ""
 * @param summary      the headline numbers and the verdict
 * @param exitCode     the exit code the command returns for this result
 * @param files        the inputs, in command-line order
 * @param violations   every finding, in the order of report.json
 * @param tables       the seed's firewall tables with what was observed per row
 * @param requirements the HLB requirements and their status
 * @param allocations  A/V (TURN) allocations and their verdicts; empty when none were seen
 * @param flows        the flows, flattened for the page ({@code summary.flows()} is the total)
 * @param anomalies    decoder anomalies (weird names) and their counts
 * @param history      the comparison with the previous scheduled run, or null outside {@code report}
 */
public record ReportModel(String title, Instant generatedAt, String tool, String topology, AuditSummary summary,
                          int exitCode, List<InputFile> files, List<Violation> violations, List<RuleTable> tables,
                          List<RequirementStatus> requirements, List<AvAllocation> allocations, List<FlowRow> flows,
                          List<AnomalyCount> anomalies, HistoryView history) {

    public ReportModel {
        Objects.requireNonNull(summary, "summary");
        files = List.copyOf(files);
        violations = List.copyOf(violations);
        tables = List.copyOf(tables);
        requirements = List.copyOf(requirements);
        allocations = List.copyOf(allocations);
        flows = List.copyOf(flows);
        anomalies = List.copyOf(anomalies);
    }

    /**
     * False for a run of the A/V checks alone ({@code edgeaudit av --out}): no flow was classified
     * against the port rules, so the firewall tables are empty and the flow counts mean nothing. The
     * page then shows neither (it used to say "0 flows; 0 of 0 flows touch the Edge"). Every run of
     * the port rules has tables: a rule pack has rows.
     */
    public boolean flowsClassified() {
        return !tables.isEmpty();
    }

    /** The same model with a history section (for {@code edgeaudit report}). */
    public ReportModel withHistory(HistoryView view) {
        return new ReportModel(title, generatedAt, tool, topology, summary, exitCode, files, violations, tables,
                requirements, allocations, flows, anomalies, view);
    }

    /**
     * One seed table redrawn: its rows are the pack's rules in table order, with what was observed.
     *
     * @param id    stable id, e.g. "external-node"
     * @param title the English table caption
     */
    public record RuleTable(String id, String title, List<RuleCoverage> rows) {
        public RuleTable {
            rows = List.copyOf(rows);
        }
    }

    /**
     * One flow as the page lists it; timestamps are nanoseconds since the epoch.
     *
     * @param classification "allowed", "violation" or "out-of-scope" (no Edge address on either side)
     * @param ruleId         the rule it matched or was nearest to, or ""
     */
    public record FlowRow(String uid, String transport, String orig, int origPort, String resp, int respPort,
                          String iface, String classification, String ruleId, long packets, long bytes,
                          long tsFirst, long tsLast, String connState, String serverName) {
    }

    /**
     * The scheduled-run comparison.
     *
     * @param previousRun id of the run compared against, or "" for the first run
     * @param trend       earlier runs then this one, oldest first
     */
    public record HistoryView(String runId, String previousRun, List<FindingLine> added,
                              List<FindingLine> persisting, List<FindingLine> resolved, List<TrendPoint> trend) {
        public HistoryView {
            added = List.copyOf(added);
            persisting = List.copyOf(persisting);
            resolved = List.copyOf(resolved);
            trend = List.copyOf(trend);
        }
    }

    /**
     * @param firstSeen id of the run that first reported this finding
     * @param count     violations with this identity in the run it belongs to
     */
    public record FindingLine(String kind, String ruleId, String endpoints, String firstSeen, int count) {
    }

    /** One run in the trend: its findings, and how many were new and resolved against its predecessor. */
    public record TrendPoint(String runId, Instant startedAt, int findings, int added, int resolved) {
    }
}
