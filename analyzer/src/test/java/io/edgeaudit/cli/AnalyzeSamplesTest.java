package io.edgeaudit.cli;

import io.edgeaudit.gen.CaptureGenerator;
import io.edgeaudit.gen.FlowScript;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Golden tests on samples/analyze: each capture is what its .flows script generates, and each run
 * listed in samples.tsv gives exactly the committed report.json, violations.csv, coverage.csv, console
 * output and exit code (samples/analyze/regen.sh rewrites them after a deliberate change).
 */
class AnalyzeSamplesTest {
    private static final Path REPO = Path.of(System.getProperty("edgeaudit.repo", "..")).toAbsolutePath().normalize();
    private static final Path SAMPLES = REPO.resolve("samples/analyze");

    static Stream<Arguments> scripts() throws IOException {
        try (Stream<Path> s = Files.list(SAMPLES)) {
            return s.filter(p -> p.toString().endsWith(".flows")).sorted().map(p -> Arguments.of(p.getFileName().toString()))
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void eachCaptureIsWhatItsScriptGenerates(String script) throws IOException {
        Path flows = SAMPLES.resolve(script);
        FlowScript s = FlowScript.parse(flows);
        String base = script.substring(0, script.length() - ".flows".length());
        Path capture = SAMPLES.resolve(base + (s.format().equals("pcapng") ? ".pcapng" : ".pcap"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CaptureGenerator.write(s, out);
        assertArrayEquals(Files.readAllBytes(capture), out.toByteArray(), capture + " differs from what " + script + " generates");
    }

    static Stream<Arguments> runs() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String line : Files.readAllLines(SAMPLES.resolve("samples.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            out.add(Arguments.of(f[0], f[1], f[2], Integer.parseInt(f[3])));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void eachSampleGivesItsExpectedReport(String name, String topology, String arguments, int exit, @TempDir Path tmp)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("analyze", "--topology", REPO.resolve(topology).toString(),
                "--out", tmp.toString()));
        String[] parts = arguments.split(" ");
        for (int i = 0; i < parts.length; i++) {
            String a = parts[i];
            if (a.equals("--capture-point")) {
                String spec = parts[++i];
                int eq = spec.indexOf('=');
                args.add(a);
                args.add(spec.substring(0, eq + 1) + REPO.resolve(spec.substring(eq + 1)));
            } else {
                args.add(REPO.resolve(a).toString());
            }
        }
        StringWriter console = new StringWriter();
        CommandLine cl = EdgeAuditCommand.newCommandLine();
        cl.setOut(new PrintWriter(console));
        cl.setErr(new PrintWriter(new StringWriter()));
        int code = cl.execute(args.toArray(new String[0]));
        Path expected = SAMPLES.resolve("expected").resolve(name);
        assertEquals(exit, code, console.toString());
        for (String file : List.of("report.json", "violations.csv", "coverage.csv")) {
            assertEquals(Files.readString(expected.resolve(file)), relative(Files.readString(tmp.resolve(file)), tmp, name),
                    name + "/" + file);
        }
        assertEquals(Files.readString(expected.resolve("console.txt")), relative(console.toString(), tmp, name),
                name + "/console.txt");
        assertEquals(true, Files.exists(tmp.resolve("flows.csv")), "flows.csv written");
    }

    /** Paths as regen.sh writes them: relative to the repository, the output folder as samples/analyze/expected/NAME. */
    private static String relative(String text, Path tmp, String name) {
        return text.replace(tmp.toString(), "samples/analyze/expected/" + name).replace(REPO + "/", "");
    }
}
