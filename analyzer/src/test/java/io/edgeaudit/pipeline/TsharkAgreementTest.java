package io.edgeaudit.pipeline;

import io.edgeaudit.capture.CaptureSource;
import io.edgeaudit.flow.FlowConfig;
import io.edgeaudit.flow.FlowTable;
import io.edgeaudit.gen.BenchGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Differential test: our flows, reduced to tshark's basis ({@link ConversationTable}), against
 * {@code tshark -n -q -z conv,tcp -z conv,udp -r F}: the same conversations, and per direction the
 * same frames and (at tshark's printed precision) bytes. Skipped when tshark is not installed.
 *
 * <p>Samples and a generated capture must agree exactly. Corpus files that we read to the end must
 * agree too, except those listed in tshark-disagreements.tsv with the reason; a listed file that
 * now agrees fails the test so that the list stays true.
 */
class TsharkAgreementTest {
    private static final Path REPO = Path.of(System.getProperty("edgeaudit.repo", "..")).normalize();
    private static final Path SAMPLES = REPO.resolve("samples/flows");
    private static final Path CORPUS = REPO.resolve("../shared/pcaps").normalize();

    static boolean tsharkPresent() {
        try {
            Process p = new ProcessBuilder("tshark", "-v").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static String tshark(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tshark", "-n", "-q", "-z", "conv,tcp", "-z", "conv,udp", "-r", file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "tshark timed out on " + file);
        return out;
    }

    /** Our table on tshark's basis, or null when some input was not read to its end. */
    static ConversationTable ours(List<Path> files) throws IOException {
        ConversationTable table = new ConversationTable();
        RunSummary s;
        try (CaptureSource source = Inputs.open(files, false)) {
            s = new Pipeline(Inputs.decoder(), new FlowTable(FlowConfig.defaults(), table)).run(source, null);
        }
        return s.partial() ? null : table;
    }

    static Stream<Path> samples() throws IOException {
        try (Stream<Path> s = Files.list(SAMPLES)) {
            return s.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng")).sorted()
                    .toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySampleAgreesWithTshark(Path sample) throws Exception {
        assumeTrue(tsharkPresent(), "tshark is not installed");
        ConversationTable ours = ours(List.of(sample));
        assertEquals(ConversationTable.parseTshark(tshark(sample)).printed(), ours.printed());
    }

    @Test
    void aGeneratedCaptureOfTwoThousandFlowsAgreesWithTshark(@TempDir Path tmp) throws Exception {
        assumeTrue(tsharkPresent(), "tshark is not installed");
        Path big = tmp.resolve("bench-2k.pcap");
        try (OutputStream out = Files.newOutputStream(big)) {
            BenchGenerator.write(2000, 50_000, out);
        }
        ConversationTable ours = ours(List.of(big));
        Map<String, String> theirs = ConversationTable.parseTshark(tshark(big)).printed();
        assertTrue(theirs.size() >= 1900, "tshark saw " + theirs.size() + " conversations");
        assertEquals(theirs, ours.printed());
    }

    @Test
    void corpusFilesReadToTheEndAgreeWithTsharkExceptTheDocumentedOnes() throws Exception {
        assumeTrue(tsharkPresent(), "tshark is not installed");
        assumeTrue(Files.isDirectory(CORPUS), "no corpus at " + CORPUS);
        Map<String, String> known = knownDisagreements();
        List<String> problems = new ArrayList<>();
        TreeSet<String> compared = new TreeSet<>();
        try (Stream<Path> s = Files.list(CORPUS)) {
            for (Path f : s.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".txt") || name.endsWith(".md") || name.endsWith(".json") || name.endsWith(".tsv")) {
                    continue;
                }
                ConversationTable ours = ours(List.of(f));
                if (ours == null) {
                    continue; // not read to the end: a partial table has nothing to agree on
                }
                compared.add(name);
                Map<String, String> theirs = ConversationTable.parseTshark(tshark(f)).printed();
                boolean agree = theirs.equals(ours.printed());
                if (!agree && !known.containsKey(name)) {
                    problems.add(name + ": " + diff(theirs, ours.printed()));
                } else if (agree && known.containsKey(name)) {
                    problems.add(name + ": agrees now; remove it from tshark-disagreements.tsv");
                }
            }
        }
        assertTrue(compared.size() > 50, "compared only " + compared.size() + " corpus files");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    static Map<String, String> knownDisagreements() throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        try (var in = TsharkAgreementTest.class.getResourceAsStream("tshark-disagreements.tsv")) {
            if (in == null) {
                return m;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] f = line.split("\t", 2);
                    m.put(f[0], f.length > 1 ? f[1] : "");
                }
            }
        }
        return m;
    }

    static String diff(Map<String, String> theirs, Map<String, String> ours) {
        Map<String, String> d = new TreeMap<>();
        for (String k : theirs.keySet()) {
            if (!theirs.get(k).equals(ours.get(k))) {
                d.put(k, "tshark " + theirs.get(k) + " ours " + ours.get(k));
            }
        }
        for (String k : ours.keySet()) {
            if (!theirs.containsKey(k)) {
                d.put(k, "tshark - ours " + ours.get(k));
            }
        }
        String all = d.toString();
        return all.length() > 600 ? all.substring(0, 600) + "..." : all;
    }
}
