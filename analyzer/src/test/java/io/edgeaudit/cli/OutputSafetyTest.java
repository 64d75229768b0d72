package io.edgeaudit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Output safety of the commands that write files (issue 7 item 5): every file lands in the folder
 * chosen, whole (temporary file + rename, so no temporary is left behind), whatever the capture's
 * path or capture-point name holds.
 */
class OutputSafetyTest {
    private static final Path REPO = Path.of(System.getProperty("edgeaudit.repo", "..")).toAbsolutePath().normalize();
    private static final Path TOPOLOGY = REPO.resolve("samples/topologies/pool1.yaml");
    private static final Path AV_TOPOLOGY = REPO.resolve("samples/av/topology.yaml");

    private static Set<String> tree(Path root) throws IOException {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile).forEach(p -> out.add(root.relativize(p).toString()));
        }
        return out;
    }

    @Test
    void analyzeWritesItsReportsOnlyInsideOutEvenForACapturePathWithDotDot(@TempDir Path tmp) throws IOException {
        Path deep = Files.createDirectories(tmp.resolve("a/b"));
        Path capture = Files.copy(REPO.resolve("samples/analyze/unexpected-port.pcap"), tmp.resolve("x.pcap"));
        // the capture is named through ../.. and given a capture point, both of which end up in report.json
        String hostile = deep.resolve("../../x.pcap").toString();
        Path out = tmp.resolve("out");
        MalformedCorpusTest.Run r = MalformedCorpusTest.run("analyze", "--topology", TOPOLOGY.toString(),
                "--capture-point", "node1:external=" + hostile, "--out", out.toString());
        assertTrue(r.exit() == ExitCodes.OK || r.exit() == ExitCodes.VIOLATIONS, r.err());
        Set<String> files = tree(tmp);
        assertTrue(files.containsAll(Set.of("out/report.json", "out/flows.csv", "out/violations.csv",
                "out/coverage.csv", "out/allocations.csv", "out/report.html")), files.toString());
        for (String f : files) {
            // every report lies directly in --out under its final name: nothing outside, no temporary left
            assertTrue(f.equals("x.pcap") || f.matches("out/[a-z]+\\.(json|csv|html)"), "unexpected file " + f);
        }
        assertTrue(Files.readString(out.resolve("report.json")).contains("x.pcap"));
        assertTrue(Files.exists(capture));
    }

    @Test
    void flowsReplacesItsOutputFileWholeAndLeavesNoTemporary(@TempDir Path tmp) throws IOException {
        Path target = tmp.resolve("flows.csv");
        Files.writeString(target, "old content that must be replaced entirely\n");
        MalformedCorpusTest.Run r = MalformedCorpusTest.run("flows", "-o", target.toString(),
                REPO.resolve("samples/analyze/unexpected-port.pcap").toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(Set.of("flows.csv"), tree(tmp));
        List<String> lines = Files.readAllLines(target);
        assertTrue(lines.get(0).startsWith("ts_first,ts_last,"), lines.get(0));
        assertTrue(lines.size() > 1 && lines.stream().noneMatch(l -> l.startsWith("old content")), lines.toString());
    }

    @Test
    void avWritesItsReportsOnlyInsideOutAndLeavesNoTemporary(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        MalformedCorpusTest.Run r = MalformedCorpusTest.run("av", "--topology", AV_TOPOLOGY.toString(),
                "--capture-point", "node1=" + REPO.resolve("samples/av/av-snat-node1.pcap"), "--out", out.toString());
        assertTrue(r.exit() == ExitCodes.OK || r.exit() == ExitCodes.VIOLATIONS, r.err());
        assertEquals(Set.of("out/av.txt", "out/av.json", "out/report.html"), tree(tmp));
    }
}
