package io.edgeaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeaudit.report.html.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code edgeaudit report} end to end over the analyze samples: runs, folders, changes, exit codes. */
class ReportCommandTest {
    private static final Path REPO = Path.of(System.getProperty("edgeaudit.repo", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dir;
    private final StringWriter stdout = new StringWriter();
    private final StringWriter stderr = new StringWriter();

    private int report(String... extra) {
        List<String> args = new ArrayList<>(List.of("report", "--topology", REPO.resolve("samples/topologies/pool1.yaml").toString(),
                "--input", dir.resolve("in").toString(), "--out", dir.resolve("reports").toString(), "--settle", "1s"));
        args.addAll(List.of(extra));
        CommandLine cl = EdgeAuditCommand.newCommandLine();
        cl.setOut(new PrintWriter(stdout, true));
        cl.setErr(new PrintWriter(stderr, true));
        return cl.execute(args.toArray(new String[0]));
    }

    /** Copies a sample capture into the input folder as NAME, modified {@code minutesAgo} minutes ago. */
    private void arrive(String sample, String name, int minutesAgo) throws IOException {
        Path target = Files.createDirectories(dir.resolve("in")).resolve(name);
        Files.copy(REPO.resolve("samples/analyze").resolve(sample), target);
        Files.setLastModifiedTime(target, FileTime.from(Instant.now().minusSeconds(60L * minutesAgo)));
    }

    private JsonNode changes(Path runFolder) throws IOException {
        return new ObjectMapper().readTree(runFolder.resolve("changes.json").toFile());
    }

    private static Set<String> kinds(JsonNode list) {
        Set<String> out = new TreeSet<>();
        list.forEach(f -> out.add(f.get("kind").asText() + " " + f.get("endpoints").asText()));
        return out;
    }

    private List<Path> runFolders() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("reports"))) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    @Test
    void threeNightsGiveNewPersistingAndResolvedFindingsAndAFourthRunHasNothingNew() throws Exception {
        String snatUdp = "SNAT_ON_AV udp 198.51.100.2:* -> 198.51.100.23:3478";
        String snatTcp = "SNAT_ON_AV tcp 198.51.100.2:* -> 198.51.100.23:443";
        arrive("snat-on-av.pcapng", "night1.pcapng", 30);
        assertEquals(1, report("--evidence"), stderr.toString());
        Path run1 = runFolders().get(0);
        for (String f : List.of("report.html", "changes.json", "report.json", "flows.csv", "violations.csv",
                "coverage.csv", "evidence.pcapng")) {
            assertTrue(Files.exists(run1.resolve(f)), f);
        }
        assertEquals(Set.of(snatUdp, snatTcp), kinds(changes(run1).get("new")));

        Thread.sleep(1100); // run ids are start times to the second
        arrive("snat-on-av.pcapng", "night2-a.pcapng", 20);
        arrive("unexpected-port.pcap", "night2-b.pcap", 20);
        assertEquals(1, report());
        Path run2 = runFolders().get(1);
        JsonNode c2 = changes(run2);
        assertEquals(Set.of(snatUdp, snatTcp), kinds(c2.get("persisting")));
        assertTrue(kinds(c2.get("new")).stream().allMatch(k -> k.startsWith("UNEXPECTED_PORT ")), c2.toString());
        assertTrue(c2.get("new").size() > 0);
        assertEquals(0, c2.get("resolved").size());
        assertEquals(run1.getFileName().toString(), c2.get("persisting").get(0).get("first_seen").asText());

        Thread.sleep(1100);
        arrive("compliant.pcap", "night3.pcap", 10);
        assertEquals(0, report(), stdout.toString());
        Path run3 = runFolders().get(2);
        JsonNode c3 = changes(run3);
        assertEquals(0, c3.get("new").size());
        assertEquals(0, c3.get("persisting").size());
        assertEquals(kinds(c2.get("new")).size() + 2, c3.get("resolved").size());
        assertEquals(3, c3.get("trend").size());

        stdout.getBuffer().setLength(0);
        assertEquals(0, report());
        assertTrue(stdout.toString().contains("no new capture file in "), stdout.toString());
        assertTrue(stdout.toString().contains("since run " + run3.getFileName()), stdout.toString());
        assertEquals(3, runFolders().size(), "nothing written");

        if (HeadlessChromium.BINARY.toFile().canExecute()) {
            String dom = HeadlessChromium.dumpDom(run3.resolve("report.html"), Files.createDirectories(dir.resolve("tmp")));
            assertEquals("0", HeadlessChromium.attribute(dom, "js-errors", "data-count"));
            assertEquals(Integer.toString(c3.get("resolved").size()), HeadlessChromium.attribute(dom, "hist-resolved", "data-v"));
            assertEquals("0", HeadlessChromium.attribute(dom, "hist-new", "data-v"));
            assertEquals("compliant", HeadlessChromium.attribute(dom, "verdict", "data-verdict"));
        }
    }

    @Test
    void badInputsAreOneLineErrorsWithExitCode2() throws IOException {
        assertEquals(2, report());
        assertTrue(stderr.toString().startsWith("edgeaudit: --input "), stderr.toString());
        assertEquals(1, stderr.toString().lines().count());
        Files.createDirectories(dir.resolve("in"));
        Files.createDirectories(dir.resolve("reports"));
        Files.writeString(dir.resolve("reports/history.db"), "not a database, but long enough to have a header line");
        arrive("compliant.pcap", "a.pcap", 10);
        stderr.getBuffer().setLength(0);
        assertEquals(2, report());
        assertTrue(stderr.toString().startsWith("edgeaudit: "), stderr.toString());
        assertTrue(stderr.toString().contains("history.db"), stderr.toString());
        assertEquals(1, stderr.toString().lines().count(), stderr.toString());
    }
}
