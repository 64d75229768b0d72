package io.edgeaudit.watch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgeaudit.capture.live.EvidenceRing;
import io.edgeaudit.capture.live.LiveStats;
import io.edgeaudit.report.OutputFolder;
import io.edgeaudit.verdict.AuditResult;
import io.edgeaudit.verdict.AuditSummary;
import io.edgeaudit.verdict.Violation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;

/**
 * summary.json of a watch run, rewritten atomically at every window: the run's totals as the
 * auditor counts them, libpcap's counters in total and per window (a window with drops is marked
 * incomplete), every violation of the ended flows, and the evidence files on disk. Field names are
 * snake_case and stable.
 */
final class SummaryFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final OutputFolder folder;
    private final String name;

    /** Rewritten atomically (temporary file and rename) as {@code name} in {@code folder}. */
    SummaryFile(OutputFolder folder, String name) {
        this.folder = folder;
        this.name = name;
    }

    void write(WatchConfig config, WindowReport current, LiveStats total, Collection<WindowReport> windows,
               AuditResult result, EvidenceRing ring, int reportPeriod, long reportSince) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("interface", config.live().interfaceName());
        root.put("topology", result.topology());
        root.put("pack", result.pack());
        root.put("final", current.last());
        root.put("updated", ViolationJournal.instant(current.endNanos()));
        root.put("report_period", reportPeriod);
        root.put("report_since", ViolationJournal.instant(reportSince));
        root.set("capture", stats(total));
        root.put("incomplete", windows.stream().anyMatch(WindowReport::incomplete));
        AuditSummary s = result.summary();
        ObjectNode audit = root.putObject("audit");
        audit.put("packets", s.packets());
        audit.put("bytes", s.bytes());
        audit.put("flows", s.flows());
        audit.put("in_scope_flows", s.inScopeFlows());
        audit.put("out_of_scope_flows", s.outOfScopeFlows());
        audit.put("allowed_flows", s.allowedFlows());
        audit.put("violating_flows", s.violatingFlows());
        audit.put("violations", s.violations());
        audit.put("errors", s.errors());
        audit.put("warnings", s.warnings());
        audit.put("infos", s.infos());
        audit.put("fail_on", s.failOn().name().toLowerCase(java.util.Locale.ROOT));
        audit.put("compliant", s.compliant());
        audit.put("exit_code", result.exitCode());
        ArrayNode ws = root.putArray("windows");
        for (WindowReport w : windows) {
            ObjectNode o = ws.addObject();
            o.put("index", w.index());
            o.put("start", ViolationJournal.instant(w.startNanos()));
            o.put("end", ViolationJournal.instant(w.endNanos()));
            o.set("capture", stats(w.capture()));
            o.put("incomplete", w.incomplete());
            o.put("flows_ended", w.flowsEnded());
            o.put("new_violations", w.newViolations());
        }
        ArrayNode vs = root.putArray("violations");
        for (Violation v : result.violations()) {
            vs.add(JSON.readTree(ViolationJournal.toJson(v, config.live().sourceName(), current.endNanos(), ring)));
        }
        ArrayNode ev = root.putArray("evidence");
        if (ring != null) {
            for (Path p : ring.files()) {
                ev.add(p.toString());
            }
        }
        folder.write(name, w -> JSON.writeValue(w, root));
    }

    private static ObjectNode stats(LiveStats s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("received", s.received());
        o.put("dropped_by_kernel", s.droppedByKernel());
        o.put("dropped_by_interface", s.droppedByIface());
        o.put("delivered", s.delivered());
        return o;
    }
}
