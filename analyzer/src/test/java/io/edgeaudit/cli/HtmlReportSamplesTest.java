package io.edgeaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeaudit.report.html.HeadlessChromium;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 6 proof: the HTML report of every sample (samples/analyze/samples.tsv, plus the injection
 * sample) opened in headless Chromium runs without a script error, and shows the verdict and counts
 * of report.json. Screenshots are kept in analyzer/target/report-artifacts/.
 */
class HtmlReportSamplesTest {
    private static final Path REPO = Path.of(System.getProperty("edgeaudit.repo", "..")).toAbsolutePath().normalize();
    private static final Path ARTIFACTS = REPO.resolve("analyzer/target/report-artifacts");
    /** Samples whose screenshot is kept (each costs a browser start on a shared CI machine). */
    private static final List<String> SCREENSHOTS = List.of("compliant", "snat-on-av", "injection");
    private static final String HOSTILE_SCRIPT = "<script>alert(1)</script>";
    private static final String HOSTILE_FORMULA = "=cmd|' /C calc'!A0";

    static Stream<Arguments> samples() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String line : Files.readAllLines(REPO.resolve("samples/analyze/samples.tsv"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] f = line.split("\t");
                out.add(Arguments.of(f[0], f[1], f[2], Integer.parseInt(f[3])));
            }
        }
        out.add(Arguments.of("injection", "samples/topologies/pool1.yaml", "samples/injection/hostile.pcap", 1));
        return out.stream();
    }

    /** Runs analyze in-process with --out; returns its exit code. */
    static int analyze(String topology, String arguments, Path out) {
        List<String> args = new ArrayList<>(List.of("analyze", "-q", "--topology", REPO.resolve(topology).toString(),
                "--out", out.toString()));
        String[] parts = arguments.split(" ");
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].equals("--capture-point")) {
                String spec = parts[++i];
                int eq = spec.indexOf('=');
                args.add("--capture-point");
                args.add(spec.substring(0, eq + 1) + REPO.resolve(spec.substring(eq + 1)));
            } else {
                args.add(REPO.resolve(parts[i]).toString());
            }
        }
        CommandLine cl = EdgeAuditCommand.newCommandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(new StringWriter()));
        return cl.execute(args.toArray(new String[0]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void reportOpensWithoutErrorsAndShowsTheCountsOfReportJson(String name, String topology, String arguments,
                                                               int exit, @TempDir Path tmp) throws Exception {
        HeadlessChromium.assumeInstalled();
        Path out = tmp.resolve("out");
        assertEquals(exit, analyze(topology, arguments, out));
        JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        JsonNode s = json.get("summary");
        String dom = HeadlessChromium.dumpDom(out.resolve("report.html"), tmp);
        long seenRows = 0;
        for (JsonNode c : json.get("coverage")) {
            seenRows += c.get("flows").asLong() > 0 && c.get("enabled").asBoolean() ? 1 : 0;
        }
        long seen = seenRows;
        assertAll(name,
                () -> assertEquals("0", HeadlessChromium.attribute(dom, "js-errors", "data-count"),
                        () -> "script errors: " + HeadlessChromium.text(dom, "js-errors")),
                () -> assertTrue(dom.contains("data-ready=\"1\""), "the page's script ran"),
                () -> assertEquals(s.get("status").asText(), HeadlessChromium.attribute(dom, "verdict", "data-verdict")),
                () -> assertEquals(Integer.toString(exit), HeadlessChromium.attribute(dom, "verdict", "data-exit-code")),
                () -> assertEquals(s.get("files").asText(), HeadlessChromium.attribute(dom, "count-files", "data-v")),
                () -> assertEquals(s.get("packets").asText(), HeadlessChromium.attribute(dom, "count-packets", "data-v")),
                () -> assertEquals(s.get("bytes").asText(), HeadlessChromium.attribute(dom, "count-bytes", "data-v")),
                () -> assertEquals(s.get("flows").asText(), HeadlessChromium.attribute(dom, "count-flows", "data-v")),
                () -> assertEquals(s.get("in_scope_flows").asText(), HeadlessChromium.attribute(dom, "count-flows-in-scope", "data-v")),
                () -> assertEquals(s.get("allowed_flows").asText(), HeadlessChromium.attribute(dom, "count-flows-allowed", "data-v")),
                () -> assertEquals(s.get("violations").asText(), HeadlessChromium.attribute(dom, "count-violations", "data-v")),
                () -> assertEquals(s.get("errors").asText(), HeadlessChromium.attribute(dom, "count-errors", "data-v")),
                () -> assertEquals(s.get("warnings").asText(), HeadlessChromium.attribute(dom, "count-warnings", "data-v")),
                () -> assertEquals(json.get("flows").size(), Integer.parseInt(HeadlessChromium.attribute(dom, "flow-table", "data-rows"))),
                () -> assertEquals(seen, count(dom, "<tr class=\"seen\""), "table rows seen"),
                () -> assertEquals(json.get("violations").size(), count(dom, "<div class=\"finding\">"), "findings shown"),
                () -> assertEquals(1, HeadlessChromium.count(dom, "script"), "only the page's own script"));
        if (!SCREENSHOTS.contains(name)) {
            return;
        }
        Files.createDirectories(ARTIFACTS);
        Path png = ARTIFACTS.resolve("sample-" + name + ".png");
        HeadlessChromium.screenshot(out.resolve("report.html"), png, 2400, tmp);
        Files.copy(out.resolve("report.html"), ARTIFACTS.resolve("sample-" + name + ".html"), StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(png) > 10_000, "screenshot written");
    }

    private static long count(String text, String needle) {
        long n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    /** Each header of a CSV file and the cells under it, top to bottom. */
    private static Map<String, List<String>> columns(Path csv) throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (Reader r = Files.newBufferedReader(csv);
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().build().parse(r)) {
            p.getHeaderNames().forEach(h -> out.put(h, new ArrayList<>()));
            for (CSVRecord rec : p) {
                p.getHeaderNames().forEach(h -> out.get(h).add(rec.get(h)));
            }
        }
        return out;
    }

    /**
     * Issue 6 proof "injection": STUN SOFTWARE and USERNAME and TLS SNI carry a script tag and a
     * spreadsheet formula; the HTML shows them as text, and no CSV cell starts like a formula.
     */
    @Test
    void hostilePacketStringsStayInertInHtmlAndCsv(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        assertEquals(1, analyze("samples/topologies/pool1.yaml", "samples/injection/hostile.pcap", out));
        String html = Files.readString(out.resolve("report.html"));
        assertFalse(html.contains(HOSTILE_SCRIPT), "raw script tag in report.html");
        assertFalse(html.contains("<img"), "no element from packet data");
        // the strings reach the page, as text: STUN USERNAME/SOFTWARE in the allocations, SNI in the flow table
        String escapedScript = "&lt;script&gt;alert(1)&lt;/script&gt;";
        String escapedFormula = "=cmd|&#39; /C calc&#39;!A0";
        assertTrue(html.contains("<td>" + escapedScript + "</td>"), "escaped script tag in a table cell");
        assertTrue(html.contains("<td>" + escapedFormula + "</td>"), "escaped formula in a table cell");
        Map<String, List<String>> flowsCsv = columns(out.resolve("flows.csv"));
        assertTrue(flowsCsv.get("server_name").contains(HOSTILE_SCRIPT), "SNI in flows.csv: " + flowsCsv.get("server_name"));
        assertTrue(flowsCsv.get("server_name").contains("'" + HOSTILE_FORMULA), "neutralised SNI in flows.csv");
        assertTrue(columns(out.resolve("violations.csv")).get("explanation").stream()
                .anyMatch(e -> e.endsWith("(TLS server name: " + HOSTILE_SCRIPT + ")")), "SNI in the explanation");
        Map<String, List<String>> allocs = columns(out.resolve("allocations.csv"));
        assertEquals(List.of(HOSTILE_SCRIPT), allocs.get("username"));
        assertEquals(List.of("'" + HOSTILE_FORMULA), allocs.get("client_software"));
        JsonNode flows = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("flows");
        List<String> names = new ArrayList<>();
        flows.forEach(f -> names.add(f.path("server_name").asText("")));
        assertTrue(names.contains(HOSTILE_SCRIPT) && names.contains(HOSTILE_FORMULA), "report.json keeps the raw SNI: " + names);
        for (String csv : List.of("flows.csv", "violations.csv", "coverage.csv", "allocations.csv")) {
            try (Reader r = Files.newBufferedReader(out.resolve(csv));
                 CSVParser p = CSVFormat.DEFAULT.builder().build().parse(r)) {
                for (CSVRecord rec : p) {
                    for (String cell : rec) {
                        assertFalse(!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0
                                        && !cell.matches("-?[0-9.]+"),
                                csv + " line " + rec.getRecordNumber() + ": cell starts like a formula: " + cell);
                        assertFalse(cell.equals(HOSTILE_FORMULA), csv + ": formula cell left as is");
                    }
                }
            }
        }
        if (HeadlessChromium.BINARY.toFile().canExecute()) {
            String dom = HeadlessChromium.dumpDom(out.resolve("report.html"), tmp);
            assertEquals("0", HeadlessChromium.attribute(dom, "js-errors", "data-count"),
                    () -> "script errors: " + HeadlessChromium.text(dom, "js-errors"));
            assertEquals(1, HeadlessChromium.count(dom, "script"));
        }
    }
}
