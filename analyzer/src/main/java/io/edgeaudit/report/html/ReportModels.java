package io.edgeaudit.report.html;

import io.edgeaudit.flow.Flow;
import io.edgeaudit.report.html.ReportModel.FlowRow;
import io.edgeaudit.report.html.ReportModel.RuleTable;
import io.edgeaudit.verdict.AuditResult;
import io.edgeaudit.verdict.FlowVerdict;
import io.edgeaudit.verdict.RuleCoverage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the page's {@link ReportModel} from an {@link AuditResult}: a pure mapping, no decisions. */
public final class ReportModels {
    /** The seed's four tables in page order, with their English captions ([HLB-PS], NOTES.md section 1). */
    static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("external-node", "Firewall summary for scaled consolidated Edge, hardware load balanced: "
                + "external interface \u2013 node 1 and node 2 (example)");
        TABLES.put("internal-node", "Firewall summary for scaled consolidated Edge, hardware load balanced: "
                + "internal interface \u2013 node 1 and node 2");
        TABLES.put("external-vip", "External port settings required for scaled consolidated Edge, hardware load "
                + "balanced: external interface virtual IPs");
        TABLES.put("internal-vip", "Firewall summary for scaled consolidated Edge, hardware load balanced: "
                + "internal interface virtual IPs");
    }

    private ReportModels() {
    }

    /**
     * @param tool        e.g. "edgeaudit 0.1.0"
     * @param generatedAt when the page is written
     */
    public static ReportModel from(AuditResult r, String tool, Instant generatedAt) {
        String title = "edgeaudit report" + (r.topology().isEmpty() ? "" : ": " + r.topology());
        List<FlowRow> flows = r.flows().stream().map(ReportModels::flow).toList();
        String topology = r.topologyPath().isEmpty() ? r.topology() : r.topology() + " (" + r.topologyPath() + ")";
        return new ReportModel(title, generatedAt, tool, topology + (r.pack().isEmpty() ? "" : " \u00b7 rule pack "
                + r.pack()), r.summary(), r.exitCode(), r.files(), r.violations(), tables(r.coverage()),
                r.requirements(), r.allocations(), flows, r.anomalies(), null);
    }

    static List<RuleTable> tables(List<RuleCoverage> coverage) {
        Map<String, List<RuleCoverage>> rows = new LinkedHashMap<>();
        for (String id : TABLES.keySet()) {
            rows.put(id, new ArrayList<>());
        }
        for (RuleCoverage c : coverage) {
            rows.computeIfAbsent(c.table(), k -> new ArrayList<>()).add(c);
        }
        List<RuleTable> out = new ArrayList<>();
        rows.forEach((id, list) -> {
            if (!list.isEmpty()) {
                // the pack's own caption wins; the seed's captions cover packs without one
                String title = list.get(0).tableTitle().isEmpty() ? TABLES.getOrDefault(id, id) : list.get(0).tableTitle();
                out.add(new RuleTable(id, title, list));
            }
        });
        return out;
    }

    private static FlowRow flow(FlowVerdict v) {
        Flow f = v.flow();
        return new FlowRow(f.uid(), f.transportName(), f.origAddr().toString(), f.origPort(), f.respAddr().toString(),
                f.respPort(), v.iface(), v.status().label(), v.ruleId(), f.packets(), f.frameBytes(), f.tsFirst(),
                f.tsLast(), f.connState(), f.serverName() == null ? "" : f.serverName());
    }
}
