package io.edgeaudit.report.history;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.edgeaudit.report.OutputFolder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code changes.json} next to a scheduled run's report: the run, the run it was compared
 * with, its new, persisting and resolved findings, and the trend, for scripts that act on changes.
 *
 * <pre>{@code
 * {"run": "20261125T021500Z", "previous": "20261124T021500Z",
 *  "new": [{"kind": "...", "rule": "...", "endpoints": "udp 198.51.100.2:* -> 198.51.100.12:3478",
 *           "count": 3, "first_seen": "20261125T021500Z"}],
 *  "persisting": [...], "resolved": [...],
 *  "trend": [{"run": "...", "started_at": "...", "findings": 4, "new": 1, "resolved": 0, "exit_code": 1}]}
 * }</pre>
 */
public final class ChangesJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private ChangesJson() {
    }

    public static void write(Path target, RunRecord run, String previous, HistoryDiff diff, List<RunRecord> trend)
            throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("run", run.runId());
        root.put("previous", previous);
        root.put("new", findings(diff.added()));
        root.put("persisting", findings(diff.persisting()));
        root.put("resolved", findings(diff.resolved()));
        root.put("trend", trend.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("run", r.runId());
            m.put("started_at", r.startedAt().toString());
            m.put("files", r.files());
            m.put("findings", r.findings());
            m.put("new", r.added());
            m.put("resolved", r.resolved());
            m.put("exit_code", r.exitCode());
            return m;
        }).toList());
        OutputFolder.writeFile(target, w -> JSON.writeValue(w, root));
    }

    private static List<Map<String, Object>> findings(List<StoredFinding> fs) {
        return fs.stream().map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", f.key().kind());
            m.put("rule", f.key().ruleId());
            m.put("endpoints", f.key().endpoints());
            m.put("count", f.count());
            m.put("first_seen", f.firstSeen());
            return m;
        }).toList();
    }
}
