package io.edgeaudit.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeaudit.verdict.AnomalyCount;
import io.edgeaudit.verdict.AuditResult;
import io.edgeaudit.verdict.InputFile;
import io.edgeaudit.verdict.Severity;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** report.json's {@code files}: each input with its own anomalies beside the run totals. */
class ReportJsonFilesTest {

    @Test
    void eachFileEntryListsItsOwnAnomalies() throws IOException {
        InputFile a = new InputFile(0, "a.pcap", "pcap", "", 10, "hlb", "",
                List.of(new AnomalyCount("truncated_tcp_header", 2, "a.pcap#4 @312")));
        InputFile b = new InputFile(1, "b.pcap", "pcap", "", 5, "node1", "");
        AuditResult r = AuditResult.of("t", "", "p", List.of(a, b), 15, 1500, List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(new AnomalyCount("truncated_tcp_header", 2, "a.pcap#4 @312")), "",
                Severity.WARNING);
        StringWriter w = new StringWriter();
        ReportJson.write(r, w);
        JsonNode files = new ObjectMapper().readTree(w.toString()).get("files");
        JsonNode own = files.get(0).get("anomalies");
        assertEquals(1, own.size());
        assertEquals("truncated_tcp_header", own.get(0).get("name").asText());
        assertEquals(2, own.get(0).get("count").asLong());
        assertEquals("a.pcap#4 @312", own.get(0).get("first").asText());
        assertEquals(0, files.get(1).get("anomalies").size());
    }
}
