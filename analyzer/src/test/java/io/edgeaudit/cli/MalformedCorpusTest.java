package io.edgeaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The malformed capture corpus (samples/malformed, issue 7) through the real command line: for each
 * file, {@code analyze --topology samples/topologies/pool1.yaml --out DIR FILE} and {@code flows FILE}
 * give the exit code, the packet count and the one error line of expected.tsv, write report.json with
 * {@code summary.partial} set when the capture was cut short, count packet-level damage as an anomaly,
 * and never print a stack trace.
 */
class MalformedCorpusTest {
    private static final Path REPO = Path.of(System.getProperty("edgeaudit.repo", "..")).toAbsolutePath().normalize();
    private static final Path CORPUS = REPO.resolve("samples/malformed");
    private static final Path TOPOLOGY = REPO.resolve("samples/topologies/pool1.yaml");

    record Expected(String file, int analyzeExit, int flowsExit, long packets, String anomaly, String error) {
        boolean captureError() {
            return !error.equals("-");
        }
    }

    record Run(int exit, String out, String err) {
        List<String> errLines() {
            return err.isEmpty() ? List.of() : Arrays.asList(err.split("\n"));
        }
    }

    static List<Expected> expected() throws IOException {
        List<Expected> rows = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS.resolve("expected.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            rows.add(new Expected(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Long.parseLong(f[3]), f[4], f[5]));
        }
        return rows;
    }

    static Stream<Arguments> cases() throws IOException {
        return expected().stream().map(e -> Arguments.of(e.file(), e));
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = EdgeAuditCommand.newCommandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static void assertNoStackTrace(String stderr) {
        for (String line : stderr.split("\n")) {
            assertFalse(line.startsWith("\tat ") || line.contains("Exception") || line.startsWith("Caused by"),
                    () -> "stack trace on stderr:\n" + stderr);
        }
    }

    @Test
    void everyFileInTheCorpusHasAnExpectedResult() throws IOException {
        Set<String> listed = new TreeSet<>();
        expected().forEach(e -> listed.add(e.file()));
        Set<String> present = new TreeSet<>();
        try (Stream<Path> s = Files.list(CORPUS)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.matches(".*\\.(pcap|pcapng|gz)$")).forEach(present::add);
        }
        assertEquals(present, listed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void analyzeGivesOneErrorLinePartialReportAndTheDocumentedExitCode(String name, Expected e, @TempDir Path out)
            throws IOException {
        String file = CORPUS.resolve(name).toString();
        Run r = run("analyze", "--topology", TOPOLOGY.toString(), "--out", out.toString(), file);

        assertNoStackTrace(r.err());
        assertEquals(e.analyzeExit(), r.exit(), r.err());
        if (e.captureError()) {
            assertEquals(List.of("edgeaudit: " + file + ": " + e.error()), r.errLines());
        } else {
            assertEquals(List.of(), r.errLines());
        }
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals(e.captureError(), report.path("summary").path("partial").asBoolean(), "summary.partial");
        assertEquals(e.packets(), report.path("summary").path("packets").asLong(), "packets analysed before the damage");
        if (!e.anomaly().equals("-")) {
            List<String> names = new ArrayList<>();
            report.path("anomalies").forEach(a -> names.add(a.path("name").asText()));
            assertTrue(names.contains(e.anomaly()), () -> "anomalies " + names + " (expected: " + e.anomaly() + ")");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void flowsGivesTheSameOneErrorAndTheDocumentedExitCode(String name, Expected e) {
        String file = CORPUS.resolve(name).toString();
        Run r = run("flows", file);

        assertNoStackTrace(r.err());
        assertEquals(e.flowsExit(), r.exit(), r.err());
        long errors = r.errLines().stream().filter(l -> l.startsWith("flows: PARTIAL: ")).count();
        if (e.captureError()) {
            assertEquals(1, errors, r.err());
            assertTrue(r.errLines().contains("flows: PARTIAL: " + file + ": " + e.error()), r.err());
        } else {
            assertEquals(0, errors, r.err());
        }
    }
}
