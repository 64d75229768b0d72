package io.edgeaudit.report;

import io.edgeaudit.flow.Flow;
import io.edgeaudit.flow.PacketRef;
import io.edgeaudit.verdict.AuditResult;
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
 * The CSV outputs of {@code analyze}: violations.csv, coverage.csv and flows.csv (RFC 4180, header
 * first, "\n" line ends). Text cells go through {@link CsvCells#safe}; numbers are written as numbers.
 */
public final class AuditCsv {
    public static final List<String> VIOLATION_COLUMNS = List.of("kind", "severity", "flow_uid", "transport",
            "orig_addr", "orig_port", "resp_addr", "resp_port", "interface", "rule_id", "rule_ref", "why",
            "explanation", "files", "first_packets", "ts_first", "ts_last", "packets", "bytes");
    public static final List<String> COVERAGE_COLUMNS = List.of("rule_id", "table", "row", "service", "source",
            "destination", "enabled", "seen", "flows", "packets", "bytes");
    public static final List<String> FLOW_COLUMNS = List.of("uid", "transport", "orig_addr", "orig_port", "resp_addr",
            "resp_port", "interface", "iface_source", "vantage", "status", "rule_id", "rule_ref", "orientation",
            "violations", "attempt_only", "conn_state", "history", "orig_pkts", "resp_pkts", "bytes", "ts_first",
            "ts_last", "direction_inferred", "capture_interface", "vlan", "first_packets", "partial");

    private AuditCsv() {
    }

    public static void violations(AuditResult r, Writer out) throws IOException {
        try (CSVPrinter p = printer(out, VIOLATION_COLUMNS)) {
            for (Violation v : r.violations()) {
                p.printRecord(v.kind().name(), v.severity().label(), safe(v.flowUid()), v.transport(), v.origAddr(),
                        v.origPort(), v.respAddr(), v.respPort(), v.iface(), safe(v.ruleId()), safe(v.ruleRef()),
                        safe(v.why()), safe(v.explanation()), safe(String.join(";", v.evidence().files())),
                        safe(refs(v.evidence().firstPackets())), Timestamps.of(v.evidence().tsFirst()),
                        Timestamps.of(v.evidence().tsLast()), v.evidence().packets(), v.evidence().bytes());
            }
        }
    }

    public static void coverage(AuditResult r, Writer out) throws IOException {
        try (CSVPrinter p = printer(out, COVERAGE_COLUMNS)) {
            for (RuleCoverage c : r.coverage()) {
                p.printRecord(safe(c.ruleId()), safe(c.table()), c.row(), safe(c.service()), safe(c.source()),
                        safe(c.destination()), c.enabled(), c.seen(), c.flows(), c.packets(), c.bytes());
            }
        }
    }

    public static void flows(AuditResult r, Writer out) throws IOException {
        try (CSVPrinter p = printer(out, FLOW_COLUMNS)) {
            for (FlowVerdict v : r.flows()) {
                Flow f = v.flow();
                List<String> kinds = new ArrayList<>();
                for (ViolationKind k : v.violationKinds()) {
                    kinds.add(k.name());
                }
                p.printRecord(safe(f.uid()), f.transportName(), f.origAddr(), f.origPort(), f.respAddr(), f.respPort(),
                        v.iface(), v.ifaceSource(), safe(v.vantage()), v.status().label(), safe(v.ruleId()),
                        safe(v.ruleRef()), v.orientation(), String.join(";", kinds), v.attemptOnly(), f.connState(),
                        safe(f.history()), f.orig().packets(), f.resp().packets(), f.frameBytes(),
                        Timestamps.of(f.tsFirst()), Timestamps.of(f.tsLast()), f.directionInferred(),
                        safe(f.interfaceName()), f.vlanText(), safe(refs(f.firstPackets())), f.partial());
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
