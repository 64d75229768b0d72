package io.edgeaudit.report;

import io.edgeaudit.flow.PacketRef;
import io.edgeaudit.verdict.AuditResult;
import io.edgeaudit.verdict.AvAllocation;
import io.edgeaudit.verdict.Evidence;
import io.edgeaudit.verdict.InputFile;
import io.edgeaudit.verdict.Severity;
import io.edgeaudit.verdict.Violation;
import io.edgeaudit.verdict.ViolationKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditCsvTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(quoteCharacter = '"', delimiterString = " => ", value = {
            "=cmd|' /C calc'!A0 => '=cmd|' /C calc'!A0",
            "+1+1 => '+1+1",
            "-2+3 => '-2+3",
            "@SUM(A1) => '@SUM(A1)",
            "EN-04 => EN-04",
            "203.0.113.10 => 203.0.113.10",
    })
    void cellsThatStartLikeAFormulaAreNeutralised(String in, String out) {
        assertEquals(out, CsvCells.safe(in));
    }

    @Test
    void violationTextFromPacketsCannotBecomeAFormula() throws IOException {
        Evidence ev = new Evidence(List.of("c.pcap"), List.of(new PacketRef(0, "c.pcap", 3, 0L)), 0L, 1L, 2, 100);
        Violation v = new Violation(ViolationKind.UNEXPECTED_PORT, Severity.ERROR, "F1", "tcp", "203.0.113.9", 1,
                "198.51.100.10", 3389, "external", "-1", "", "=HYPERLINK(\"http://x\")", ev, "@x");
        AuditResult r = AuditResult.of("t", "", "p", List.of(new InputFile(0, "c.pcap", "pcap", "", 2, "", "")), 2, 100,
                List.of(), List.of(v), List.of(), List.of(), List.of(), List.of(), "", Severity.WARNING);
        StringWriter w = new StringWriter();
        AuditCsv.violations(r, w);
        String row = w.toString().lines().skip(1).findFirst().orElseThrow();
        assertTrue(row.contains(",\"'=HYPERLINK(\"\"http://x\"\")\","), row);
        assertTrue(row.contains(",'@x,"), row);
        assertTrue(row.contains(",'-1,"), row);
        assertTrue(row.contains("c.pcap#3"), row);
        assertFalse(row.contains(",=") || row.contains(",@") || row.contains(",-1"), row);
    }

    @Test
    void allocationTextFromPacketsCannotBecomeAFormula() throws IOException {
        AuditResult r = AuditResult.of("t", "", "p", List.of(), 0, 0, List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), "", Severity.WARNING).withAv(List.of(), List.of(new AvAllocation("F2", "udp",
                "203.0.113.11:50200", "198.51.100.12:3478", "", "", "", "@realm", "=cmd|' /C calc'!A0", "+client",
                "-server", "UDP_BLOCKED", "no answer")));
        StringWriter w = new StringWriter();
        AuditCsv.allocations(r, w);
        List<String> lines = w.toString().lines().toList();
        assertEquals(String.join(",", AuditCsv.ALLOCATION_COLUMNS), lines.get(0));
        assertEquals("F2,udp,203.0.113.11:50200,198.51.100.12:3478,,,,'@realm,'=cmd|' /C calc'!A0,'+client,'-server,"
                + "UDP_BLOCKED,no answer", lines.get(1));
    }

    @Test
    void theOutputFolderRefusesNamesThatLeaveIt(@TempDir Path tmp) throws IOException {
        OutputFolder out = new OutputFolder(tmp.resolve("o"));
        assertThrows(IllegalArgumentException.class, () -> out.write("../escape.json", w -> w.write("x")));
        assertThrows(IllegalArgumentException.class, () -> out.write("/etc/x", w -> w.write("x")));
        assertFalse(Files.exists(tmp.resolve("escape.json")));
        Path p = out.write("a.json", w -> w.write("{}"));
        assertEquals("{}", Files.readString(p));
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporary(@TempDir Path tmp) throws IOException {
        OutputFolder out = new OutputFolder(tmp);
        out.write("r.json", w -> w.write("old"));
        assertThrows(IOException.class, () -> out.write("r.json", w -> {
            w.write("half");
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(tmp.resolve("r.json")));
        try (var s = Files.list(tmp)) {
            assertEquals(1, s.count());
        }
    }
}
