package io.edgeaudit.cli;

import io.edgeaudit.decode.Anomalies;
import io.edgeaudit.decode.Weird;
import io.edgeaudit.gen.CaptureGenerator;
import io.edgeaudit.gen.FlowScript;
import io.edgeaudit.pipeline.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end over samples/flows: each capture is what its script generates, and `flows` on it
 * prints the golden CSV next to it, with our reader and with libpcap alike. Run with
 * {@code -Dedgeaudit.updateGolden=true} to rewrite the goldens after a deliberate change.
 */
class FlowsCommandTest {
    static final Path DIR = Path.of(System.getProperty("edgeaudit.repo", ".."), "samples", "flows").normalize();
    private static final boolean UPDATE = Boolean.getBoolean("edgeaudit.updateGolden");

    record Run(int exit, String out, String err) {
    }

    static Run flows(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = EdgeAuditCommand.newCommandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "flows";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = cl.execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    /** Each golden: its name and the captures it reads (the rotated pair is read as one input set). */
    static Stream<String> samples() throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(DIR)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".flows"))
                    .map(n -> n.substring(0, n.length() - ".flows".length())).sorted().forEach(names::add);
        }
        names.removeIf(n -> n.startsWith("rotated-"));
        names.add("rotated");
        return names.stream();
    }

    static List<String> capturesOf(String sample) throws IOException {
        if (sample.equals("rotated")) {
            return List.of(capture("rotated-a"), capture("rotated-b"));
        }
        return List.of(capture(sample));
    }

    static String capture(String script) throws IOException {
        for (String ext : new String[] {".pcap", ".pcapng"}) {
            Path p = DIR.resolve(script + ext);
            if (Files.exists(p)) {
                return p.toString();
            }
        }
        throw new IOException("no capture for " + script);
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void eachSampleCaptureIsExactlyWhatItsScriptGenerates(String script) throws IOException {
        ByteArrayOutputStream generated = new ByteArrayOutputStream();
        CaptureGenerator.write(FlowScript.parse(DIR.resolve(script + ".flows")), generated);
        assertArrayEquals(Files.readAllBytes(Path.of(capture(script))), generated.toByteArray(),
                script + ": regenerate with ./edgeaudit generate");
    }

    static Stream<String> scripts() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".flows"))
                    .map(n -> n.substring(0, n.length() - ".flows".length())).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void flowsOfEachSampleMatchItsGoldenCsvWithBothReaders(String sample) throws IOException {
        List<String> args = new ArrayList<>(capturesOf(sample));
        Run ours = flows(args.toArray(new String[0]));
        assertEquals(0, ours.exit(), ours.err());
        String csv = ours.out().replace(DIR + "/", "");
        Path golden = DIR.resolve(sample + ".csv");
        if (UPDATE) {
            Files.writeString(golden, csv, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), csv, sample + " differs from its golden CSV");

        args.add("--reader=libpcap");
        Run libpcap = flows(args.toArray(new String[0]));
        assertEquals(0, libpcap.exit(), libpcap.err());
        // libpcap's offline API gives no pcapng interface names nor direction flags: those two columns aside,
        // the tables are identical
        assertEquals(withoutInterfaceColumns(ours.out()), withoutInterfaceColumns(libpcap.out()),
                sample + ": libpcap reader gives another flow table");
    }

    static List<List<String>> withoutInterfaceColumns(String csv) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (CSVRecord r : CSVFormat.RFC4180.parse(new StringReader(csv))) {
            List<String> row = new ArrayList<>(r.toList());
            row.set(21, "-"); // direction
            row.set(8, "-");  // interface
            rows.add(row);
        }
        return rows;
    }

    @Test
    void jsonCarriesTheSameFlowsAsCsv() throws IOException {
        Run csv = flows(capture("tcp-handshake-fin"));
        Run json = flows(capture("tcp-handshake-fin"), "--format", "json");
        assertEquals(0, json.exit(), json.err());
        assertTrue(json.out().startsWith("["));
        assertTrue(json.out().contains("\"history\":\"ShADdFf\""), json.out());
        assertEquals(csv.out().split("\n").length - 1, json.out().split("\"uid\"").length - 1);
    }

    @Test
    void summaryNamesEachFileWithItsHashFormatAndCounts() throws IOException {
        Run r = flows(capture("rotated-a"), capture("rotated-b"));
        String[] lines = r.err().split("\n");
        assertTrue(lines[0].matches("flows: .*rotated-a\\.pcap: pcap, sha256 [0-9a-f]{64}, 12 packets, 2 flows started"),
                r.err());
        assertTrue(lines[1].matches("flows: .*rotated-b\\.pcap: pcap, sha256 [0-9a-f]{64}, 2 packets, 0 flows started"),
                r.err());
        assertTrue(r.err().contains("flows: total: 2 files, 14 packets, 2 flows"), r.err());
    }

    @Test
    void aCutFileStillGivesItsFlowsMarkedPartialAndExitTwo(@TempDir Path tmp) throws IOException {
        byte[] whole = Files.readAllBytes(Path.of(capture("tcp-handshake-fin")));
        Path cut = tmp.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(whole, whole.length - 30)); // ends inside the last record
        Path out = tmp.resolve("flows.csv");
        Run r = flows(cut.toString(), "-o", out.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("PARTIAL"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        String csv = Files.readString(out);
        assertTrue(csv.split("\n")[1].endsWith(",true,"), csv); // partial, then an empty server_name
    }

    @Test
    void aMissingFileIsOneErrorLineAndExitTwo() {
        Run r = flows("/nonexistent/x.pcap");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("flows: PARTIAL: /nonexistent/x.pcap: file header at byte offset 0: cannot open"),
                r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        assertEquals("ts_first", r.out().split(",")[0]);
    }

    @Test
    void timeoutOptionsChangeWhereFlowsSplit() throws IOException {
        Run dflt = flows(capture("udp-timeout-split"));
        Run longer = flows(capture("udp-timeout-split"), "--udp-timeout", "2m");
        assertEquals(3, dflt.out().split("\n").length);
        assertEquals(2, longer.out().split("\n").length);
    }

    @Test
    void aBadDurationIsAUsageError() throws IOException {
        Run r = flows(capture("udp-timeout-split"), "--udp-timeout", "soon");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("'soon' is not a duration"), r.err());
    }

    @Test
    void theSummaryListsEachFilesOwnAnomaliesAndTheRunTotals() {
        Anomalies.Occurrence inA = new Anomalies.Occurrence("a.pcap", 4, 312);
        Anomalies.Occurrence inB = new Anomalies.Occurrence("b.pcap", 9, 1024);
        RunSummary s = new RunSummary(List.of(
                new RunSummary.FileSummary(0, "a.pcap", "pcap", "00", 10, 2, null,
                        List.of(new Anomalies.Entry(Weird.NON_IP, 1, inA))),
                new RunSummary.FileSummary(1, "b.pcap", "pcap", "11", 20, 3, null,
                        List.of(new Anomalies.Entry(Weird.NON_IP, 2, inB)))),
                30, 3000, 5, 3, 5, List.of(new Anomalies.Entry(Weird.NON_IP, 3, inA)), null);
        StringWriter err = new StringWriter();
        FlowsCommand.printSummary(new PrintWriter(err), s);
        List<String> lines = err.toString().lines().toList();
        String name = Weird.NON_IP.label();
        assertEquals(List.of(
                "flows: a.pcap: pcap, sha256 00, 10 packets, 2 flows started",
                "flows: a.pcap: anomaly " + name + ": 1 (first: packet 4 at byte offset 312)",
                "flows: b.pcap: pcap, sha256 11, 20 packets, 3 flows started",
                "flows: b.pcap: anomaly " + name + ": 2 (first: packet 9 at byte offset 1024)",
                "flows: anomaly " + name + ": 3 in all (first: a.pcap packet 4 at byte offset 312)",
                "flows: total: 2 files, 30 packets, 5 flows, 3 packets without a flow"), lines);
    }
}
