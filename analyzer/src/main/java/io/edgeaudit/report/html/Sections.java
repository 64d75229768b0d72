package io.edgeaudit.report.html;

import io.edgeaudit.flow.PacketRef;
import io.edgeaudit.report.html.ReportModel.FindingLine;
import io.edgeaudit.report.html.ReportModel.FlowRow;
import io.edgeaudit.report.html.ReportModel.HistoryView;
import io.edgeaudit.report.html.ReportModel.RuleTable;
import io.edgeaudit.report.html.ReportModel.TrendPoint;
import io.edgeaudit.report.html.SvgCharts.Series;
import io.edgeaudit.report.html.SvgCharts.Unit;
import io.edgeaudit.verdict.AnomalyCount;
import io.edgeaudit.verdict.AuditSummary;
import io.edgeaudit.verdict.AvAllocation;
import io.edgeaudit.verdict.Evidence;
import io.edgeaudit.verdict.InputFile;
import io.edgeaudit.verdict.RequirementStatus;
import io.edgeaudit.verdict.RuleCoverage;
import io.edgeaudit.verdict.Violation;
import io.edgeaudit.verdict.ViolationKind;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static io.edgeaudit.report.html.Html.esc;

/** The body sections of the page, in page order. Appends to one builder; escapes every string. */
final class Sections {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'").withZone(ZoneOffset.UTC);

    /** Findings shown per kind; a scan can produce thousands of one kind, which the CSV lists. */
    static final int MAX_FINDINGS_PER_KIND = 200;

    private final StringBuilder b;

    Sections(StringBuilder b) {
        this.b = b;
    }

    static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    static String nanos(long ts) {
        return TIME.format(Instant.ofEpochSecond(0, ts));
    }

    void summary(ReportModel m) {
        AuditSummary c = m.summary();
        h2("summary", "Summary");
        if (!m.flowsClassified()) {
            b.append("<p class=\"lead\" id=\"av-only\">The A/V checks alone (<code>edgeaudit av</code>): STUN, TURN "
                    + "and MS-TURN exchanges and their allocations. No flow was classified against the firewall "
                    + "tables; <code>edgeaudit analyze</code> does that, and runs these checks too.</p>\n");
        }
        b.append("<div class=\"cards\">");
        card("files", "input files", c.files(), Long.toString(c.files()));
        card("packets", "packets", c.packets(), Long.toString(c.packets()));
        if (m.flowsClassified()) {
            card("bytes", "bytes", c.bytes(), Unit.BYTES.format(c.bytes()));
            card("flows", "flows", c.flows(), Long.toString(c.flows()));
            card("flows-in-scope", "flows at the Edge", c.inScopeFlows(), Long.toString(c.inScopeFlows()));
            card("flows-allowed", "flows allowed", c.allowedFlows(), Long.toString(c.allowedFlows()));
        } else {
            card("allocations", "A/V allocations", m.allocations().size(), Integer.toString(m.allocations().size()));
        }
        card("violations", "violations", c.violations(), Long.toString(c.violations()));
        card("errors", "errors", c.errors(), Long.toString(c.errors()));
        card("warnings", "warnings", c.warnings(), Long.toString(c.warnings()));
        b.append("</div>\n");
    }

    private void card(String id, String label, long value, String shown) {
        b.append("<div class=\"card\" id=\"count-").append(id).append("\" data-v=\"").append(value).append("\">")
                .append("<div class=\"n\">").append(esc(shown)).append("</div><div class=\"l\">").append(esc(label))
                .append("</div></div>");
    }

    void history(HistoryView h) {
        h2("history", "Changes since the previous run");
        b.append("<p class=\"lead\">Run <code>").append(esc(h.runId())).append("</code> compared with ")
                .append(h.previousRun().isEmpty() ? "nothing (first run)" : "run <code>" + esc(h.previousRun()) + "</code>")
                .append(": <span id=\"hist-new\" data-v=\"").append(h.added().size()).append("\">")
                .append(h.added().size()).append(" new</span>, <span id=\"hist-persisting\" data-v=\"")
                .append(h.persisting().size()).append("\">").append(h.persisting().size())
                .append(" persisting</span>, <span id=\"hist-resolved\" data-v=\"").append(h.resolved().size())
                .append("\">").append(h.resolved().size()).append(" resolved</span>.</p>\n");
        findingTable("new", h.added());
        findingTable("persisting", h.persisting());
        findingTable("resolved", h.resolved());
        if (h.trend().size() > 1) {
            List<String> labels = h.trend().stream().map(TrendPoint::runId).toList();
            double[] kept = new double[labels.size()];
            double[] added = new double[labels.size()];
            for (int i = 0; i < labels.size(); i++) {
                TrendPoint p = h.trend().get(i);
                added[i] = p.added();
                kept[i] = p.findings() - p.added();
            }
            b.append("<h3>Trend across runs</h3>\n").append(SvgCharts.stackedColumns("Findings per run",
                    labels, List.of(new Series("persisting", "#E69F00", kept), new Series("new", "#D55E00", added)),
                    Unit.COUNT)).append('\n');
        }
    }

    private void findingTable(String label, List<FindingLine> lines) {
        b.append("<h3><span class=\"badge ").append(label).append("\">").append(label).append("</span> ")
                .append(lines.size()).append("</h3>\n");
        if (lines.isEmpty()) {
            b.append("<p class=\"empty\">None.</p>\n");
            return;
        }
        b.append("<table class=\"sortable\" id=\"hist-table-").append(label).append("\"><thead><tr><th>Kind</th>"
                + "<th>Rule</th><th>Endpoints</th><th>First seen in run</th><th class=\"num\" data-type=\"num\">"
                + "Count</th></tr></thead><tbody>\n");
        for (FindingLine f : lines) {
            b.append("<tr><td>").append(esc(f.kind())).append("</td><td>").append(esc(f.ruleId()))
                    .append("</td><td class=\"mono\">").append(esc(f.endpoints())).append("</td><td>")
                    .append(esc(f.firstSeen())).append("</td><td class=\"num\">").append(f.count()).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    void violations(List<Violation> violations) {
        h2("violations", "Violations");
        if (violations.isEmpty()) {
            b.append("<p class=\"empty\" id=\"no-violations\">No violations: every observed flow matched a rule of "
                    + "the model.</p>\n");
            return;
        }
        Map<ViolationKind, List<Violation>> byKind = violations.stream()
                .collect(Collectors.groupingBy(Violation::kind, () -> new EnumMap<>(ViolationKind.class),
                        Collectors.toList()));
        for (Map.Entry<ViolationKind, List<Violation>> e : byKind.entrySet()) {
            ViolationKind k = e.getKey();
            b.append("<details class=\"group\" open id=\"kind-").append(esc(k.name())).append("\" data-count=\"")
                    .append(e.getValue().size()).append("\"><summary><span class=\"badge ")
                    .append(esc(k.defaultSeverity().label())).append("\">").append(esc(k.name())).append("</span> ")
                    .append(e.getValue().size()).append(" \u2014 ").append(esc(k.meaning())).append("</summary><div>\n");
            List<Violation> list = e.getValue();
            for (int i = 0; i < list.size() && i < MAX_FINDINGS_PER_KIND; i++) {
                finding(list.get(i));
            }
            if (list.size() > MAX_FINDINGS_PER_KIND) {
                b.append("<p class=\"empty\">").append(list.size() - MAX_FINDINGS_PER_KIND)
                        .append(" more of this kind are listed in violations.csv and report.json.</p>\n");
            }
            b.append("</div></details>\n");
        }
    }

    private void finding(Violation v) {
        Evidence ev = v.evidence();
        b.append("<div class=\"finding\"><div class=\"what\"><span class=\"badge ").append(esc(v.severity().label()))
                .append("\">").append(esc(v.severity().label())).append("</span> <span class=\"mono\">")
                .append(esc(v.transport())).append(' ').append(esc(endpoint(v.origAddr(), v.origPort())))
                .append(" \u2192 ").append(esc(endpoint(v.respAddr(), v.respPort()))).append("</span></div>")
                .append("<p class=\"expl\">").append(esc(v.explanation())).append("</p><dl>");
        dd("Flow", v.flowUid() + " on the " + v.iface() + " interface");
        dd("Rule", v.ruleId().isEmpty() ? "(no rule near)" : v.ruleId() + (v.ruleRef().isEmpty() ? "" : " (" + v.ruleRef() + ")"));
        dd("Why", v.why());
        if (ev != null) {
            dd("Packets", ev.packets() + " packets, " + ev.bytes() + " bytes, " + nanos(ev.tsFirst()) + " \u2013 "
                    + nanos(ev.tsLast()));
            dd("First packets", ev.firstPackets().stream().map(PacketRef::toString).collect(Collectors.joining(", ")));
            dd("Files", String.join(", ", ev.files()));
        }
        b.append("</dl></div>\n");
    }

    private void dd(String term, String value) {
        b.append("<dt>").append(esc(term)).append("</dt><dd>").append(esc(value)).append("</dd>");
    }

    void tables(List<RuleTable> tables) {
        h2("tables", "Firewall tables of the model, as observed");
        b.append("<p class=\"lead\">The four tables of \u201cPort summary \u2013 Scaled consolidated Edge with hardware "
                + "load balancers\u201d (Lync Server 2013), with the flows classified to each row. Rows never seen in the "
                + "capture are marked <span class=\"badge unseen\">unseen</span>; rows whose condition the topology "
                + "switches off are in italics.</p>\n");
        for (RuleTable t : tables) {
            b.append("<h3>").append(esc(t.title())).append("</h3>\n<table class=\"rules\" id=\"table-")
                    .append(esc(t.id())).append("\"><thead><tr><th>Row</th><th>Role/Protocol/Transport/Port</th>"
                            + "<th>Source</th><th>Destination</th><th>Notes</th><th class=\"num\">Flows</th>"
                            + "<th class=\"num\">Packets</th><th class=\"num\">Bytes</th></tr></thead><tbody>\n");
            for (RuleCoverage r : t.rows()) {
                String cls = !r.enabled() ? "off" : r.flows() == 0 ? "unseen" : "seen";
                b.append("<tr class=\"").append(cls).append("\" data-rule=\"").append(esc(r.ruleId())).append("\"><td class=\"nowrap\">")
                        .append(r.row()).append(" <span class=\"rid\">").append(esc(r.ruleId())).append("</span></td><td>")
                        .append(esc(r.service())).append("</td><td>")
                        .append(esc(r.source())).append("</td><td>").append(esc(r.destination())).append("</td><td>")
                        .append(esc(r.note())).append("</td><td class=\"num\">");
                if (r.flows() == 0) {
                    b.append("<span class=\"badge unseen\">unseen</span>");
                } else {
                    b.append(r.flows());
                }
                b.append("</td>");
                num(r.packets());
                num(r.bytes());
                b.append("</tr>\n");
            }
            b.append("</tbody></table>\n");
        }
    }

    void requirements(List<RequirementStatus> reqs) {
        h2("requirements", "Hardware load balancer requirements");
        if (reqs.isEmpty()) {
            b.append("<p class=\"empty\">No requirement was evaluated.</p>\n");
            return;
        }
        b.append("<table id=\"requirements-table\"><thead><tr><th>Id</th><th>Requirement</th><th>Status</th>"
                + "<th>Why</th><th>Checked by</th></tr></thead><tbody>\n");
        for (RequirementStatus r : reqs) {
            String cls = switch (r.status()) {
                case PASS -> "pass";
                case FAIL -> "fail";
                case NOT_EXERCISED, NOT_OBSERVABLE -> "na";
            };
            b.append("<tr data-status=\"").append(cls).append("\"><td class=\"nowrap\">").append(esc(r.id())).append("</td><td>")
                    .append(esc(r.text())).append("</td><td><span class=\"badge ").append(cls).append("\">")
                    .append(esc(r.status().label())).append("</span></td><td>").append(esc(r.detail()))
                    .append("</td><td class=\"ids\">").append(esc(r.checkId().replace(";", "; "))).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    void allocations(List<AvAllocation> allocs) {
        h2("allocations", "A/V allocations (STUN / TURN / MS-TURN)");
        if (allocs.isEmpty()) {
            b.append("<p class=\"empty\">No TURN allocation was seen in the capture.</p>\n");
            return;
        }
        b.append("<table class=\"sortable\" id=\"allocations-table\"><thead><tr><th>Flow</th><th>Transport</th>"
                + "<th>Client</th><th>Server</th><th>Relayed address</th><th>Mapped address</th><th>Node</th>"
                + "<th>Realm</th><th>User</th><th>Client software</th><th>Server software</th><th>Verdict</th><th>Detail</th></tr></thead><tbody>\n");
        for (AvAllocation a : allocs) {
            String cls = "ok".equals(a.verdict()) ? "ok" : "fail";
            b.append("<tr><td>").append(esc(a.flowUid())).append("</td><td>").append(esc(a.transport()))
                    .append("</td><td class=\"addr\">").append(esc(a.client())).append("</td><td class=\"addr\">")
                    .append(esc(a.server())).append("</td><td class=\"addr\">").append(esc(a.relayed()))
                    .append("</td><td class=\"addr\">").append(esc(a.mapped())).append("</td><td>")
                    .append(esc(a.node())).append("</td><td>").append(esc(a.realm())).append("</td><td>")
                    .append(esc(a.username())).append("</td><td>").append(esc(a.clientSoftware())).append("</td><td>")
                    .append(esc(a.serverSoftware())).append("</td><td><span class=\"badge ").append(cls).append("\">")
                    .append(esc(a.verdict())).append("</span></td><td>").append(esc(a.detail())).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    void charts(ReportModel m) {
        h2("charts", "Charts");
        ReportCharts charts = new ReportCharts(m);
        if (!charts.hasTraffic()) {
            b.append("<p class=\"empty\">No flows, nothing to chart.</p>\n");
            return;
        }
        b.append("<h3>Traffic per rule over time</h3>\n").append(charts.trafficPerRule()).append('\n')
                .append("<h3>Top talkers</h3>\n").append(charts.topTalkers()).append('\n')
                .append("<h3>Violations over time</h3>\n").append(charts.violationsOverTime()).append('\n');
    }

    void flows(ReportModel m, int maxRows) {
        h2("flows", "Flows");
        List<FlowRow> rows = new ArrayList<>(m.flows());
        // Violating flows first so a cap never hides them, then the largest.
        rows.sort(Comparator.comparing((FlowRow f) -> !"violation".equals(f.classification()))
                .thenComparing(FlowRow::bytes, Comparator.reverseOrder()).thenComparing(FlowRow::uid));
        List<FlowRow> shown = rows.size() > maxRows ? rows.subList(0, maxRows) : rows;
        b.append("<p class=\"lead\">").append(shown.size() == m.summary().flows()
                ? "All " + shown.size() + " flows."
                : shown.size() + " of " + m.summary().flows() + " flows (violating flows first, then by size); "
                        + "flows.csv lists them all.").append(" Click a column to sort.</p>\n")
                .append("<div class=\"filters\"><input id=\"flow-filter\" type=\"search\" placeholder=\"Filter: "
                        + "address, port, rule, uid\u2026\" aria-label=\"filter flows\"><select id=\"flow-class\" "
                        + "aria-label=\"classification\"><option value=\"\">all classifications</option>"
                        + "<option>violation</option><option>allowed</option><option>out-of-scope</option></select><span><span id=\"flow-shown\">").append(shown.size())
                .append("</span> shown</span></div>\n")
                .append("<table class=\"sortable\" id=\"flow-table\" data-rows=\"").append(shown.size())
                .append("\"><thead><tr><th>Uid</th><th>Proto</th><th>Originator</th><th>Responder</th><th>Interface</th>"
                        + "<th>Class</th><th>Rule</th><th class=\"num\" data-type=\"num\">Packets</th>"
                        + "<th class=\"num\" data-type=\"num\">Bytes</th><th data-type=\"num\">First packet</th>"
                        + "<th>State</th><th>TLS server name</th></tr></thead><tbody>\n");
        for (FlowRow f : shown) {
            b.append("<tr data-class=\"").append(esc(f.classification())).append("\"><td>").append(esc(f.uid()))
                    .append("</td><td>").append(esc(f.transport())).append("</td><td class=\"addr\">")
                    .append(esc(endpoint(f.orig(), f.origPort()))).append("</td><td class=\"addr\">")
                    .append(esc(endpoint(f.resp(), f.respPort()))).append("</td><td>").append(esc(f.iface()))
                    .append("</td><td><span class=\"badge ").append(esc(f.classification())).append("\">")
                    .append(esc(f.classification())).append("</span></td><td>").append(esc(f.ruleId()))
                    .append("</td>");
            num(f.packets());
            num(f.bytes());
            b.append("<td data-v=\"").append(f.tsFirst()).append("\">")
                    .append(esc(nanos(f.tsFirst()))).append("</td><td>").append(esc(f.connState())).append("</td><td>")
                    .append(esc(f.serverName())).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    void inputs(List<InputFile> files, List<AnomalyCount> anomalies) {
        h2("inputs", "Inputs");
        b.append("<table id=\"files-table\"><thead><tr><th>File</th><th>Format</th><th class=\"num\">Packets</th>"
                + "<th>SHA-256</th><th>Read error</th></tr></thead><tbody>\n");
        for (InputFile f : files) {
            b.append("<tr><td class=\"mono\">").append(esc(f.name())).append("</td><td>").append(esc(f.format()))
                    .append("</td>");
            num(f.packets());
            b.append("<td class=\"mono\">")
                    .append(esc(f.sha256())).append("</td><td>").append(esc(f.error())).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
        if (!anomalies.isEmpty()) {
            b.append("<h3>Decoder anomalies</h3>\n<table id=\"anomalies-table\"><thead><tr><th>Anomaly</th>"
                    + "<th class=\"num\">Count</th><th>First seen</th></tr></thead><tbody>\n");
            for (AnomalyCount a : anomalies) {
                b.append("<tr><td>").append(esc(a.name())).append("</td><td class=\"num\">").append(a.count())
                        .append("</td><td class=\"mono\">").append(esc(a.first())).append("</td></tr>\n");
            }
            b.append("</tbody></table>\n");
        }
    }

    /** A numeric cell: grouped digits for reading, the raw value in data-v for sorting. */
    private void num(long n) {
        b.append("<td class=\"num\" data-v=\"").append(n).append("\">").append(String.format(Locale.ROOT, "%,d", n))
                .append("</td>");
    }

    private void h2(String id, String title) {
        b.append("<h2 id=\"").append(id).append("\">").append(esc(title)).append("</h2>\n");
    }

    /** "1.2.3.4:80" or "[2001:db8::1]:80". */
    static String endpoint(String addr, int port) {
        return addr.indexOf(':') >= 0 ? "[" + addr + "]:" + port : addr + ":" + port;
    }
}
