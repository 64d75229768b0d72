package io.edgeaudit.report.history;

import io.edgeaudit.report.html.ReportModel;
import io.edgeaudit.verdict.AuditSummary;
import io.edgeaudit.verdict.Severity;
import io.edgeaudit.verdict.Violation;
import io.edgeaudit.verdict.ViolationKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scheduled-run logic with a stand-in analysis: each "capture" is a text file whose lines are
 * findings ("KIND orig port resp port"), so the test controls exactly what every run reports.
 */
class ScheduledRunTest {
    static final Instant T = Instant.parse("2026-11-24T02:00:00Z");

    @TempDir
    Path dir;

    private Path in() throws IOException {
        return Files.createDirectories(dir.resolve("in"));
    }

    private Path out() {
        return dir.resolve("reports");
    }

    private Path db() {
        return out().resolve("history.db");
    }

    private void capture(String name, Instant mtime, String... findings) throws IOException {
        Path p = in().resolve(name);
        Files.write(p, List.of(findings));
        Files.setLastModifiedTime(p, FileTime.from(mtime));
    }

    /** Reads the findings out of the text "captures". */
    static ScheduledRun.Outcome analyse(List<Path> files, Path folder) throws IOException {
        List<Violation> vs = new ArrayList<>();
        for (Path f : files) {
            for (String line : Files.readAllLines(f)) {
                String[] w = line.split(" ");
                vs.add(FindingKeyTest.violation(ViolationKind.valueOf(w[0]), "r-" + w[4], "udp", w[1],
                        Integer.parseInt(w[2]), w[3], Integer.parseInt(w[4])));
            }
        }
        Files.writeString(folder.resolve("report.json"), "{\"violations\":" + vs.size() + "}");
        ReportModel m = new ReportModel("t", Instant.EPOCH, "edgeaudit test", "", new AuditSummary(files.size(), 0,
                0, 0, 0, 0, 0, 0, vs.size(), vs.size(), 0, 0, Severity.ERROR, vs.isEmpty(), false), vs.isEmpty() ? 0 : 1,
                List.of(), vs, List.of(), List.of(), List.of(), List.of(), List.of(), null);
        return new ScheduledRun.Outcome(m, vs.isEmpty() ? 0 : 1);
    }

    private ScheduledRun.Result runAt(Instant start) throws IOException {
        return new ScheduledRun(in(), out(), db(), Duration.ofHours(24), Duration.ZERO, 5_000)
                .run(start, ScheduledRunTest::analyse);
    }

    private static Set<String> endpoints(List<StoredFinding> fs) {
        return fs.stream().map(f -> f.key().kind() + " " + f.key().endpoints()).collect(Collectors.toSet());
    }

    @Test
    void threeRunsGiveExactlyTheExpectedNewPersistingAndResolvedFindings() throws IOException {
        String snat = "SNAT_ON_AV 198.51.100.2 %d 198.51.100.12 3478";
        String port = "UNEXPECTED_PORT 203.0.113.9 %d 198.51.100.10 8080";
        String relay = "AV_RELAY_ADDRESS 203.0.113.7 %d 198.51.100.21 3478";
        capture("night1.pcap", T.minusSeconds(3600), snat.formatted(50001 + 1000), port.formatted(61000));
        ScheduledRun.Done r1 = assertInstanceOf(ScheduledRun.Done.class, runAt(T));
        assertEquals(Set.of("SNAT_ON_AV udp 198.51.100.2:* -> 198.51.100.12:3478",
                "UNEXPECTED_PORT udp 203.0.113.9:* -> 198.51.100.10:8080"), endpoints(r1.diff().added()));
        assertTrue(r1.diff().persisting().isEmpty() && r1.diff().resolved().isEmpty());

        // night 2: SNAT again from another source port (same finding), the 8080 is gone, a relay problem is new
        capture("night2.pcapng", T.plus(Duration.ofHours(23)), snat.formatted(52222), relay.formatted(60001));
        ScheduledRun.Done r2 = assertInstanceOf(ScheduledRun.Done.class, runAt(T.plus(Duration.ofHours(24))));
        assertEquals(Set.of("AV_RELAY_ADDRESS udp 203.0.113.7:* -> 198.51.100.21:3478"), endpoints(r2.diff().added()));
        assertEquals(Set.of("SNAT_ON_AV udp 198.51.100.2:* -> 198.51.100.12:3478"), endpoints(r2.diff().persisting()));
        assertEquals(r1.run().runId(), r2.diff().persisting().get(0).firstSeen(), "first seen carried over");
        assertEquals(Set.of("UNEXPECTED_PORT udp 203.0.113.9:* -> 198.51.100.10:8080"), endpoints(r2.diff().resolved()));

        // night 3: the SNAT is fixed; the relay problem stays
        capture("night3.pcap", T.plus(Duration.ofHours(47)), relay.formatted(60002), relay.formatted(60003));
        ScheduledRun.Done r3 = assertInstanceOf(ScheduledRun.Done.class, runAt(T.plus(Duration.ofHours(48))));
        assertTrue(r3.diff().added().isEmpty());
        assertEquals(Set.of("AV_RELAY_ADDRESS udp 203.0.113.7:* -> 198.51.100.21:3478"), endpoints(r3.diff().persisting()));
        assertEquals(2, r3.diff().persisting().get(0).count(), "two violations, one finding");
        assertEquals(Set.of("SNAT_ON_AV udp 198.51.100.2:* -> 198.51.100.12:3478"), endpoints(r3.diff().resolved()));

        try (HistoryStore store = HistoryStore.open(db())) {
            assertEquals(List.of(r1.run(), r2.run(), r3.run()), store.runs());
        }
        String html = Files.readString(r3.folder().resolve("report.html"));
        assertTrue(html.contains("id=\"hist-resolved\" data-v=\"1\""), "history section in the page");
        assertTrue(html.contains("Findings per run"), "trend chart");
        assertTrue(Files.exists(r3.folder().resolve("report.json")));
        var changes = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r3.folder().resolve("changes.json").toFile());
        assertEquals(r2.run().runId(), changes.get("previous").asText());
        assertEquals("SNAT_ON_AV", changes.get("resolved").get(0).get("kind").asText());
        assertEquals(r2.run().runId(), changes.get("persisting").get(0).get("first_seen").asText());
        assertEquals(3, changes.get("trend").size());
    }

    @Test
    void rerunningTheSamePeriodChangesNothing() throws IOException {
        capture("a.pcap", T.minusSeconds(60), "SNAT_ON_AV 198.51.100.2 50000 198.51.100.12 3478");
        ScheduledRun.Done first = assertInstanceOf(ScheduledRun.Done.class, runAt(T));
        byte[] before = Files.readAllBytes(db());
        ScheduledRun.NothingNew again = assertInstanceOf(ScheduledRun.NothingNew.class, runAt(T.plusSeconds(5)));
        assertEquals(first.run(), again.lastRun().orElseThrow());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(db())), "database bytes unchanged");
        assertEquals(List.of(first.run().runId()), folders());
    }

    @Test
    void filesOutsideTheWindowOrStillBeingWrittenWait() throws IOException {
        capture("old.pcap", T.minus(Duration.ofHours(30)), "SNAT_ON_AV 198.51.100.2 50000 198.51.100.12 3478");
        capture("fresh.pcap", T.minusSeconds(10), "SNAT_ON_AV 198.51.100.2 50000 198.51.100.12 3478");
        capture("notes.txt", T.minusSeconds(600), "not a capture");
        ScheduledRun run = new ScheduledRun(in(), out(), db(), Duration.ofHours(24), Duration.ofSeconds(60), 5_000);
        assertInstanceOf(ScheduledRun.NothingNew.class, run.run(T, ScheduledRunTest::analyse));
        ScheduledRun.Done later = assertInstanceOf(ScheduledRun.Done.class, run.run(T.plusSeconds(120), ScheduledRunTest::analyse));
        assertEquals(1, later.run().files(), "only fresh.pcap, once it settled");
    }

    @Test
    void aRunThatFailsHalfwayLeavesTheHistoryAsItWas() throws IOException {
        capture("a.pcap", T.minusSeconds(60), "SNAT_ON_AV 198.51.100.2 50000 198.51.100.12 3478");
        ScheduledRun.Done first = assertInstanceOf(ScheduledRun.Done.class, runAt(T));
        capture("b.pcap", T.plusSeconds(60), "UNEXPECTED_PORT 203.0.113.9 61000 198.51.100.10 8080");
        ScheduledRun failing = new ScheduledRun(in(), out(), db(), null, Duration.ZERO, 5_000);
        assertThrows(IOException.class, () -> failing.run(T.plusSeconds(120), (files, folder) -> {
            Files.writeString(folder.resolve("report.json"), "{half");
            throw new IOException("disk full (simulated)");
        }));
        try (HistoryStore store = HistoryStore.open(db())) {
            assertEquals(List.of(first.run()), store.runs());
            assertEquals(Set.of(new FileStamp(in().resolve("a.pcap").toAbsolutePath().normalize().toString(),
                    Files.size(in().resolve("a.pcap")), T.minusSeconds(60).toEpochMilli())), store.analysedFiles());
        }
        // the next run cleans the partial folder and analyses b.pcap after all
        ScheduledRun.Done next = assertInstanceOf(ScheduledRun.Done.class, runAt(T.plusSeconds(180)));
        assertEquals(1, next.run().files());
        assertEquals(List.of(first.run().runId(), next.run().runId()), folders());
    }

    @Test
    void aCommitInterruptedInsideTheTransactionIsRolledBack() throws IOException {
        capture("a.pcap", T.minusSeconds(60), "SNAT_ON_AV 198.51.100.2 50000 198.51.100.12 3478");
        ScheduledRun.Done first = assertInstanceOf(ScheduledRun.Done.class, runAt(T));
        try (HistoryStore store = HistoryStore.open(db())) {
            List<StoredFinding> exploding = new java.util.AbstractList<>() {
                @Override
                public StoredFinding get(int i) {
                    if (i == 1) {
                        throw new IllegalStateException("killed while inserting findings (simulated)");
                    }
                    return new StoredFinding(new FindingKey("SNAT_ON_AV", "r", "x" + i), 1, "r2");
                }

                @Override
                public int size() {
                    return 3;
                }
            };
            RunRecord r2 = new RunRecord("r2", T.plusSeconds(60), 1, 3, 3, 0, 1);
            assertThrows(IllegalStateException.class,
                    () -> store.commit(r2, List.of(new FileStamp("/x.pcap", 1, 1)), exploding));
            assertEquals(List.of(first.run()), store.runs(), "run row rolled back");
            assertEquals(1, store.analysedFiles().size(), "file row rolled back");
        }
    }

    @Test
    void aProcessKilledInsideTheTransactionLeavesTheHistoryAsItWas() throws Exception {
        capture("a.pcap", T.minusSeconds(60), "SNAT_ON_AV 198.51.100.2 50000 198.51.100.12 3478");
        ScheduledRun.Done first = assertInstanceOf(ScheduledRun.Done.class, runAt(T));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KillMidCommit.class.getName(), db().toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "child finished");
        String childOutput = new String(readAll(p));
        assertEquals(KillMidCommit.EXIT, p.exitValue(), () -> "child output: " + childOutput);
        try (HistoryStore store = HistoryStore.open(db())) {
            assertEquals(List.of(first.run()), store.runs());
            assertEquals(first.diff().current(), store.findings(first.run().runId()));
            assertEquals(1, store.analysedFiles().size());
        }
    }

    private static byte[] readAll(Process p) throws IOException {
        return p.getInputStream().readAllBytes();
    }

    @Test
    void twoRunsAtOnceRecordEachFileOnce() throws Exception {
        for (int i = 0; i < 6; i++) {
            capture("c" + i + ".pcap", T.minusSeconds(600 - i), "SNAT_ON_AV 198.51.100.2 5000" + i + " 198.51.100.12 3478");
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> runAt(T));
            var b = pool.submit(() -> runAt(T.plusSeconds(1)));
            List<ScheduledRun.Result> results = List.of(a.get(), b.get());
            assertEquals(1, results.stream().filter(r -> r instanceof ScheduledRun.Done).count(), results.toString());
            assertEquals(1, results.stream().filter(r -> r instanceof ScheduledRun.NothingNew).count());
        } finally {
            pool.shutdownNow();
        }
        try (HistoryStore store = HistoryStore.open(db())) {
            assertEquals(1, store.runs().size());
            assertEquals(6, store.analysedFiles().size());
        }
    }

    private List<String> folders() throws IOException {
        try (Stream<Path> s = Files.list(out())) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aCorruptDatabaseIsAOneLineError() throws IOException {
        Files.createDirectories(out());
        Files.writeString(db(), "this is not an SQLite database, just text that is long enough to have a header");
        HistoryException e = assertThrows(HistoryException.class, () -> HistoryStore.open(db()).close());
        assertTrue(e.getMessage().startsWith(db() + ": cannot open the history database"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
