package io.edgeaudit.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.edgeaudit.flow.Flow;
import io.edgeaudit.flow.PacketRef;
import io.edgeaudit.verdict.AnomalyCount;
import io.edgeaudit.verdict.AuditResult;
import io.edgeaudit.verdict.AuditSummary;
import io.edgeaudit.verdict.AvAllocation;
import io.edgeaudit.verdict.FlowVerdict;
import io.edgeaudit.verdict.InputFile;
import io.edgeaudit.verdict.RequirementStatus;
import io.edgeaudit.verdict.RuleCoverage;
import io.edgeaudit.verdict.Violation;
import io.edgeaudit.verdict.ViolationKind;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes report.json: {@code summary}, {@code violations}, {@code flows}, {@code coverage},
 * {@code requirements}, {@code allocations}, {@code anomalies}, {@code files}. Field names are
 * snake_case and stable; timestamps RFC 3339 UTC with nanoseconds; the same result always gives the
 * same bytes (no wall-clock time), so it can be compared with a golden file. Streams, so a large
 * flow list is not built twice in memory.
 */
public final class ReportJson {
    private ReportJson() {
    }

    public static void write(AuditResult r, Writer out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
            g.writeStartObject();
            g.writeStringField("topology", r.topology());
            g.writeStringField("topology_file", r.topologyPath());
            g.writeStringField("pack", r.pack());
            summary(g, r.summary());
            g.writeArrayFieldStart("violations");
            for (Violation v : r.violations()) {
                violation(g, v);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("flows");
            for (FlowVerdict f : r.flows()) {
                flow(g, f);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("coverage");
            for (RuleCoverage c : r.coverage()) {
                g.writeStartObject();
                g.writeStringField("rule_id", c.ruleId());
                g.writeStringField("table", c.table());
                g.writeStringField("table_title", c.tableTitle());
                g.writeNumberField("row", c.row());
                g.writeStringField("service", c.service());
                g.writeStringField("source", c.source());
                g.writeStringField("destination", c.destination());
                g.writeBooleanField("enabled", c.enabled());
                g.writeBooleanField("seen", c.seen());
                g.writeNumberField("flows", c.flows());
                g.writeNumberField("packets", c.packets());
                g.writeNumberField("bytes", c.bytes());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("requirements");
            for (RequirementStatus q : r.requirements()) {
                g.writeStartObject();
                g.writeStringField("id", q.id());
                g.writeStringField("text", q.text());
                g.writeStringField("check", q.checkId());
                g.writeStringField("status", q.status().label());
                g.writeStringField("detail", q.detail());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("allocations");
            for (AvAllocation a : r.allocations()) {
                g.writeStartObject();
                g.writeStringField("flow_uid", a.flowUid());
                g.writeStringField("transport", a.transport());
                g.writeStringField("client", a.client());
                g.writeStringField("server", a.server());
                g.writeStringField("relayed", a.relayed());
                g.writeStringField("mapped", a.mapped());
                g.writeStringField("node", a.node());
                g.writeStringField("realm", a.realm());
                g.writeStringField("username", a.username());
                g.writeStringField("client_software", a.clientSoftware());
                g.writeStringField("server_software", a.serverSoftware());
                g.writeStringField("verdict", a.verdict());
                g.writeStringField("detail", a.detail());
                g.writeEndObject();
            }
            g.writeEndArray();
            anomalies(g, r.anomalies());
            g.writeArrayFieldStart("files");
            for (InputFile f : r.files()) {
                g.writeStartObject();
                g.writeStringField("name", f.name());
                g.writeStringField("format", f.format());
                g.writeStringField("sha256", f.sha256());
                g.writeNumberField("packets", f.packets());
                g.writeStringField("capture_point", f.capturePoint());
                g.writeStringField("error", f.error());
                anomalies(g, f.anomalies());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("error", r.error());
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static void summary(JsonGenerator g, AuditSummary s) throws IOException {
        g.writeObjectFieldStart("summary");
        g.writeStringField("status", s.status());
        g.writeStringField("headline", s.headline());
        g.writeNumberField("files", s.files());
        g.writeNumberField("packets", s.packets());
        g.writeNumberField("bytes", s.bytes());
        g.writeNumberField("flows", s.flows());
        g.writeNumberField("in_scope_flows", s.inScopeFlows());
        g.writeNumberField("out_of_scope_flows", s.outOfScopeFlows());
        g.writeNumberField("allowed_flows", s.allowedFlows());
        g.writeNumberField("violating_flows", s.violatingFlows());
        g.writeNumberField("violations", s.violations());
        g.writeNumberField("errors", s.errors());
        g.writeNumberField("warnings", s.warnings());
        g.writeNumberField("infos", s.infos());
        g.writeStringField("fail_on", s.failOn().label());
        g.writeBooleanField("compliant", s.compliant());
        g.writeBooleanField("partial", s.partial());
        g.writeEndObject();
    }

    private static void violation(JsonGenerator g, Violation v) throws IOException {
        g.writeStartObject();
        g.writeStringField("kind", v.kind().name());
        g.writeStringField("severity", v.severity().label());
        g.writeStringField("flow_uid", v.flowUid());
        g.writeObjectFieldStart("flow");
        g.writeStringField("transport", v.transport());
        g.writeStringField("orig_addr", v.origAddr());
        g.writeNumberField("orig_port", v.origPort());
        g.writeStringField("resp_addr", v.respAddr());
        g.writeNumberField("resp_port", v.respPort());
        g.writeEndObject();
        g.writeStringField("interface", v.iface());
        g.writeStringField("rule_id", v.ruleId());
        g.writeStringField("rule_ref", v.ruleRef());
        g.writeStringField("why", v.why());
        g.writeStringField("explanation", v.explanation());
        g.writeObjectFieldStart("evidence");
        g.writeArrayFieldStart("files");
        for (String f : v.evidence().files()) {
            g.writeString(f);
        }
        g.writeEndArray();
        packetRefs(g, v.evidence().firstPackets());
        g.writeStringField("ts_first", FlowFields.timestamp(v.evidence().tsFirst()));
        g.writeStringField("ts_last", FlowFields.timestamp(v.evidence().tsLast()));
        g.writeNumberField("packets", v.evidence().packets());
        g.writeNumberField("bytes", v.evidence().bytes());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void flow(JsonGenerator g, FlowVerdict v) throws IOException {
        Flow f = v.flow();
        g.writeStartObject();
        g.writeStringField("uid", f.uid());
        g.writeStringField("transport", f.transportName());
        g.writeStringField("orig_addr", f.origAddr().toString());
        g.writeNumberField("orig_port", f.origPort());
        g.writeStringField("resp_addr", f.respAddr().toString());
        g.writeNumberField("resp_port", f.respPort());
        g.writeStringField("interface", v.iface());
        g.writeStringField("iface_source", v.ifaceSource());
        g.writeStringField("vantage", v.vantage());
        g.writeStringField("status", v.status().label());
        g.writeStringField("rule_id", v.ruleId());
        g.writeStringField("rule_ref", v.ruleRef());
        g.writeStringField("orientation", v.orientation());
        g.writeArrayFieldStart("violations");
        for (ViolationKind k : v.violationKinds()) {
            g.writeString(k.name());
        }
        g.writeEndArray();
        g.writeBooleanField("attempt_only", v.attemptOnly());
        if (f.serverName() != null) {
            g.writeStringField("server_name", f.serverName()); // TLS SNI, only when a ClientHello named one
        }
        g.writeStringField("conn_state", f.connState());
        g.writeStringField("history", f.history());
        g.writeNumberField("orig_pkts", f.orig().packets());
        g.writeNumberField("resp_pkts", f.resp().packets());
        g.writeNumberField("bytes", f.frameBytes());
        g.writeStringField("ts_first", FlowFields.timestamp(f.tsFirst()));
        g.writeStringField("ts_last", FlowFields.timestamp(f.tsLast()));
        g.writeBooleanField("direction_inferred", f.directionInferred());
        if (f.interfaceName() != null) {
            g.writeStringField("capture_interface", f.interfaceName());
        }
        packetRefs(g, f.firstPackets());
        if (f.icmpRefusal() != null) {
            // the ICMP error that quoted this flow's packet: evidence it was refused (issue 2)
            PacketRef r = f.icmpRefusal();
            g.writeObjectFieldStart("icmp_refusal");
            g.writeStringField("file", r.file());
            g.writeNumberField("packet", r.packetNumber());
            g.writeStringField("ts", FlowFields.timestamp(r.timestampNanos()));
            g.writeStringField("reason", f.icmpRefusalReason());
            g.writeEndObject();
        }
        g.writeBooleanField("partial", f.partial());
        g.writeEndObject();
    }

    private static void anomalies(JsonGenerator g, List<AnomalyCount> anomalies) throws IOException {
        g.writeArrayFieldStart("anomalies");
        for (AnomalyCount a : anomalies) {
            g.writeStartObject();
            g.writeStringField("name", a.name());
            g.writeNumberField("count", a.count());
            g.writeStringField("first", a.first());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void packetRefs(JsonGenerator g, List<PacketRef> refs) throws IOException {
        g.writeArrayFieldStart("first_packets");
        for (PacketRef p : refs) {
            g.writeStartObject();
            g.writeStringField("file", p.file());
            g.writeNumberField("packet", p.packetNumber());
            g.writeStringField("ts", FlowFields.timestamp(p.timestampNanos()));
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
