package io.edgeaudit.report;

import io.edgeaudit.flow.PacketRef;
import io.edgeaudit.verdict.AuditResult;
import io.edgeaudit.verdict.AvAllocation;
import io.edgeaudit.verdict.FlowVerdict;
import io.edgeaudit.verdict.RuleCoverage;
import io.edgeaudit.verdict.Violation;
import io.edgeaudit.verdict.ViolationKind;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSV outputs of {@code analyze}: violations.csv, coverage.csv, flows.csv and allocations.csv (RFC 4180, header
 * first, "\n" line ends). Text cells go through {@link CsvCells#safe}; numbers are written as numbers.
 */
public final class AuditCsv {
    public static final List<String> VIOLATION_COLUMNS = List.of("kind", "severity", "flow_uid", "transport",
            "orig_addr", "orig_port", "resp_addr", "resp_port", "interface", "rule_id", "rule_ref", "why",
            "explanation", "files", "first_packets", "ts_first", "ts_last", "packets", "bytes");
    public static final List<String> COVERAGE_COLUMNS = List.of("rule_id", "table", "table_title", "row", "service", "source",
            "destination", "enabled", "seen", "flows", "packets", "bytes");
    public static final List<String> ALLOCATION_COLUMNS = List.of("flow_uid", "transport", "client", "server",
            "relayed", "mapped", "node", "realm", "username", "client_software", "server_software", "verdict", "detail");
    /**
     * The flow columns of {@code edgeaudit flows} ({@link FlowFields#COLUMNS}) but server_name, then how the
     * flow was judged, then server_name (last, so files written before it only gain a column).
     */
    public static final List<String> FLOW_COLUMNS;

    static {
        List<String> c = new ArrayList<>(FlowFields.COLUMNS.subList(0, FlowFields.COLUMNS.size() - 1));
        c.addAll(List.of("status", "rule_id", "rule_ref", "edge_interface", "iface_source", "vantage", "orientation",
                "violations", "attempt_only", "server_name"));
        FLOW_COLUMNS = List.copyOf(c);
    }

    private AuditCsv() {
    }

    public static void violations(AuditResult r, Writer out) throws IOException {
        try (CSVPrinter p = printer(out, VIOLATION_COLUMNS)) {
            for (Violation v : r.violations()) {
                p.printRecord(v.kind().name(), v.severity().label(), safe(v.flowUid()), v.transport(), safe(v.origAddr()),
                        v.origPort(), safe(v.respAddr()), v.respPort(), safe(v.iface()), safe(v.ruleId()), safe(v.ruleRef()),
                        safe(v.why()), safe(v.explanation()), safe(String.join(";", v.evidence().files())),
                        safe(refs(v.evidence().firstPackets())), FlowFields.timestamp(v.evidence().tsFirst()),
                        FlowFields.timestamp(v.evidence().tsLast()), v.evidence().packets(), v.evidence().bytes());
            }
        }
    }

    public static void coverage(AuditResult r, Writer out) throws IOException {
        try (CSVPrinter p = printer(out, COVERAGE_COLUMNS)) {
            for (RuleCoverage c : r.coverage()) {
                p.printRecord(safe(c.ruleId()), safe(c.table()), safe(c.tableTitle()), c.row(), safe(c.service()), safe(c.source()),
                        safe(c.destination()), c.enabled(), c.seen(), c.flows(), c.packets(), c.bytes());
            }
        }
    }

    /** allocations.csv: one row per TURN allocation; realm, user and software come from packets. */
    public static void allocations(AuditResult r, Writer out) throws IOException {
        try (CSVPrinter p = printer(out, ALLOCATION_COLUMNS)) {
            for (AvAllocation a : r.allocations()) {
                p.printRecord(safe(a.flowUid()), safe(a.transport()), safe(a.client()), safe(a.server()),
                        safe(a.relayed()), safe(a.mapped()), safe(a.node()), safe(a.realm()), safe(a.username()),
                        safe(a.clientSoftware()), safe(a.serverSoftware()), safe(a.verdict()), safe(a.detail()));
            }
        }
    }

    public static void flows(AuditResult r, Writer out) throws IOException {
        try (CSVPrinter p = printer(out, FLOW_COLUMNS)) {
            List<Object> row = new ArrayList<>(FLOW_COLUMNS.size());
            for (FlowVerdict v : r.flows()) {
                row.clear();
                Object[] values = FlowFields.values(v.flow());
                for (int i = 0; i < values.length - 1; i++) {
                    Object o = values[i];
                    if (o instanceof List<?> list) {
                        row.add(safe(String.join(";", list.stream().map(Object::toString).toList())));
                    } else {
                        row.add(o instanceof String str ? safe(str) : o == null ? "" : o);
                    }
                }
                List<String> kinds = new ArrayList<>();
                for (ViolationKind k : v.violationKinds()) {
                    kinds.add(k.name());
                }
                row.addAll(List.of(v.status().label(), safe(v.ruleId()), safe(v.ruleRef()), safe(v.iface()), safe(v.ifaceSource()),
                        safe(v.vantage()), safe(v.orientation()), String.join(";", kinds), v.attemptOnly(),
                        safe(v.flow().serverName())));
                p.printRecord(row);
            }
        }
    }

    /** "file#n;file#m". */
    static String refs(List<PacketRef> refs) {
        List<String> out = new ArrayList<>(refs.size());
        for (PacketRef r : refs) {
            out.add(r.toString());
        }
        return String.join(";", out);
    }

    private static String safe(String s) {
        return CsvCells.safe(s);
    }

    private static CSVPrinter printer(Writer out, List<String> header) throws IOException {
        return new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n")
                .setHeader(header.toArray(new String[0])).build());
    }
}
