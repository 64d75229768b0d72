package io.edgeaudit.report.html;

import io.edgeaudit.verdict.Violation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything the HTML page shows, already decided: the page formats it and decides nothing. Built
 * from an audit result by {@link ReportModels}, or directly by tests. Immutable; lists are copied.
 * Strings may come from packet data and are escaped by the writer, never here.
 *
 * @param title       page title, e.g. "edgeaudit report: pool1"
 * @param generatedAt when the report was written
 * @param tool        tool name and version, e.g. "edgeaudit 0.1.0"
 * @param topology    the topology's name or path, or ""
 * @param verdict     the one-line outcome
 * @param counts      the headline numbers
 * @param files       the inputs, in command-line order
 * @param violations  every finding, in the order of report.json
 * @param tables      the seed's firewall tables with what was observed per row
 * @param requirements the HLB requirements and their status
 * @param allocations A/V (TURN) allocations and their verdicts; empty when none were seen
 * @param flows       the flows the page lists (may be a subset; {@code counts.flows()} is the total)
 * @param anomalies   decoder anomalies (weird names) and their counts
 * @param history     the comparison with the previous scheduled run, or null outside {@code report}
 */
public record ReportModel(String title, Instant generatedAt, String tool, String topology, Verdict verdict,
                          Counts counts, List<FileRow> files, List<Violation> violations, List<RuleTable> tables,
                          List<Requirement> requirements, List<Allocation> allocations, List<FlowRow> flows,
                          List<AnomalyRow> anomalies, HistoryView history) {

    public ReportModel {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(counts, "counts");
        files = List.copyOf(files);
        violations = List.copyOf(violations);
        tables = List.copyOf(tables);
        requirements = List.copyOf(requirements);
        allocations = List.copyOf(allocations);
        flows = List.copyOf(flows);
        anomalies = List.copyOf(anomalies);
    }

    /** The same model with a history section (for {@code edgeaudit report}). */
    public ReportModel withHistory(HistoryView view) {
        return new ReportModel(title, generatedAt, tool, topology, verdict, counts, files, violations, tables,
                requirements, allocations, flows, anomalies, view);
    }

    /**
     * @param status   "compliant", "violations" or "partial" (a file could not be read to the end)
     * @param headline one sentence, e.g. "3 violations: SNAT on the A/V Edge VIP"
     * @param exitCode the exit code the command returns for this result
     */
    public record Verdict(String status, String headline, int exitCode) {
    }

    /** Headline numbers; {@code errors + warnings + infos == violations}. */
    public record Counts(int files, long packets, long bytes, long flows, int violations, int errors,
                         int warnings, int infos, long flowsAllowed, long flowsViolating) {
    }

    /** @param error the one-line read error, or "" when the file was read to the end */
    public record FileRow(String name, String format, long packets, String sha256, String error) {
    }

    /**
     * One seed table redrawn.
     *
     * @param id    stable id, e.g. "external-node"
     * @param title the English table caption
     */
    public record RuleTable(String id, String title, List<RuleRow> rows) {
        public RuleTable {
            rows = List.copyOf(rows);
        }
    }

    /**
     * One row of a seed table and what the capture showed for it.
     *
     * @param ruleId   the rule pack id
     * @param ref      table and row, e.g. "external-vip#4"
     * @param service  the first column as printed, e.g. "A/V/STUN,MSTURN/UDP/3478"
     * @param enabled  false when the topology switches the rule's condition off
     * @param flows    flows classified to this row (0: the row was never seen)
     */
    public record RuleRow(String ruleId, String ref, String service, String source, String destination,
                          String notes, boolean enabled, long flows, long packets, long bytes) {
    }

    /** Status of an HLB requirement. */
    public enum Status {
        PASS("pass"), FAIL("fail"), NOT_EXERCISED("not exercised"), NOT_OBSERVABLE("not observable");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * @param id     e.g. "HLB-2"
     * @param text   the requirement, as the seed states it
     * @param detail why this status, citing flows or "no A/V traffic in the capture"
     */
    public record Requirement(String id, String text, Status status, String detail) {
    }

    /**
     * A TURN allocation. Addresses are "ip:port" text.
     *
     * @param verdict "ok" or a violation kind's stable name
     */
    public record Allocation(String flowUid, String transport, String client, String server, String relayed,
                             String mapped, String node, String verdict, String detail) {
    }

    /**
     * One flow as the page lists it; timestamps are nanoseconds since the epoch.
     *
     * @param classification "allowed", "violation" or "out-of-scope" (no Edge address on either side)
     * @param ruleId         the rule it matched or was nearest to, or ""
     */
    public record FlowRow(String uid, String transport, String orig, int origPort, String resp, int respPort,
                          String iface, String classification, String ruleId, long packets, long bytes,
                          long tsFirst, long tsLast, String connState) {
    }

    /** A decoder anomaly: a Zeek-style weird name, how often, and where first. */
    public record AnomalyRow(String name, long count, String first) {
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
