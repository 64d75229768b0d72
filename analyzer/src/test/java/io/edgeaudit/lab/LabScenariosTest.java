package io.edgeaudit.lab;

import io.edgeaudit.cli.Analysis;
import io.edgeaudit.cli.AvAnalysis;
import io.edgeaudit.inspect.av.Allocation;
import io.edgeaudit.inspect.av.AvCapture;
import io.edgeaudit.inspect.av.AvInspector;
import io.edgeaudit.rules.RulePack;
import io.edgeaudit.rules.RulePackLoader;
import io.edgeaudit.topology.CapturePoint;
import io.edgeaudit.topology.Topology;
import io.edgeaudit.topology.TopologyLoader;
import io.edgeaudit.verdict.AuditResult;
import io.edgeaudit.verdict.Severity;
import io.edgeaudit.verdict.Violation;
import io.edgeaudit.verdict.av.AvTopology;
import io.edgeaudit.verdict.av.AvVerdicts;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * edgeaudit against the network lab (samples/lab/lab.sh, samples/lab/README.md): real coturn, openssl
 * and perl endpoints behind a real iptables load balancer in network namespaces, captured with tcpdump.
 * {@code lab.sh run-all} runs once; then each scenario's captures are analysed in-process with the
 * scenario's topology along both paths a user has: {@code analyze} ({@link Analysis}, all capture points
 * in one run: port rules and A/V checks) must report exactly the scenario's expected.csv, {@code av}
 * ({@link AvAnalysis}, all capture points together) exactly its A/V rows, and the allocations {@code av}
 * decodes must be exactly those coturn logged (allocations.csv).
 *
 * <p>Skipped, with the reason, when not root or when {@code lab.sh check} says the machine cannot run
 * the lab (no network namespaces, no NAT in them, coturn or tcpdump missing). The lab cleans up its
 * namespaces and processes itself, also when this test stops it.
 */
class LabScenariosTest {
    /** run-all takes about 2.5 minutes; this bounds a hung run. */
    private static final long RUN_ALL_TIMEOUT_SECONDS = 8 * 60;

    /** The kinds the A/V checks report (verdict.av.AvChecks), the ones {@code av} is held to. */
    private static final Set<String> AV_KINDS = Set.of("SNAT_ON_AV", "AV_RELAY_ADDRESS", "AV_RESPONSE_SOURCE",
            "AV_MEDIA_VIA_VIP", "UDP_BLOCKED", "ALLOCATION_FAILED", "ONE_WAY_MEDIA");

    private static Path lab;
    private static Path out;
    /** scenario -> its analysis; both tests of a scenario share one */
    private static final Map<String, Analysed> ANALYSES = new ConcurrentHashMap<>();

    static Stream<String> scenarios() throws IOException, InterruptedException {
        Path script = labScript();
        Process p = new ProcessBuilder("bash", script.toString(), "list").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "lab.sh list: " + text);
        return text.lines().map(l -> l.split("\\s+", 2)[0]).filter(s -> !s.isEmpty());
    }

    @BeforeAll
    static void runTheLab() throws IOException, InterruptedException {
        lab = labScript();
        assumeTrue(isRoot(), "the network lab needs root (network namespaces, iptables)");
        Process check = new ProcessBuilder("bash", lab.toString(), "check").redirectErrorStream(true).start();
        String why = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(check.waitFor(60, TimeUnit.SECONDS), "lab.sh check did not finish within 60 s");
        assumeTrue(check.exitValue() != 3, "this machine cannot run the network lab: " + why);
        assertEquals(0, check.exitValue(), "lab.sh check: " + why);

        out = Files.createTempDirectory("edgeaudit-lab-test");
        Path log = out.resolve("lab-run-all.log");
        Process run = new ProcessBuilder("bash", lab.toString(), "run-all", out.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!run.waitFor(RUN_ALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            run.destroy(); // SIGTERM: lab.sh's trap removes its namespaces and processes
            if (!run.waitFor(30, TimeUnit.SECONDS)) {
                run.destroyForcibly();
            }
            fail("lab.sh run-all did not finish within " + RUN_ALL_TIMEOUT_SECONDS + " s; log: " + tail(log));
        }
        assertEquals(0, run.exitValue(), "lab.sh run-all failed (its traffic did not go as planned): " + tail(log));
    }

    @AfterAll
    static void removeTheCaptures() throws IOException {
        if (out != null && Files.isDirectory(out)) {
            try (Stream<Path> all = Files.walk(out)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void analyzeReportsExactlyTheViolationsTheScenarioCauses(String scenario) throws IOException {
        List<Row> expected = readExpected(out.resolve(scenario).resolve("expected.csv"));
        assertSameFindings(scenario + ", analyze", expected, analysed(scenario).analyze());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void avReportsExactlyTheAvViolationsTheScenarioCauses(String scenario) throws IOException {
        List<Row> expected = readExpected(out.resolve(scenario).resolve("expected.csv"));
        expected.removeIf(r -> !AV_KINDS.contains(r.kind()));
        assertSameFindings(scenario + ", av", expected, analysed(scenario).av());
    }

    /** Equal as multisets, a "*" port in {@code expected} matching any port. */
    private static void assertSameFindings(String what, List<Row> expected, List<Row> found) {
        List<Row> missing = new ArrayList<>();
        List<Row> unexpected = new ArrayList<>(found);
        // rows with exact ports first, so a "*" row never takes the finding an exact row needs
        List<Row> ordered = new ArrayList<>(expected);
        ordered.sort(Comparator.comparing(Row::hasWildcard));
        for (Row e : ordered) {
            Row match = unexpected.stream().filter(e::matches).findFirst().orElse(null);
            if (match == null) {
                missing.add(e);
            } else {
                unexpected.remove(match);
            }
        }
        assertTrue(missing.isEmpty() && unexpected.isEmpty(), what + ": edgeaudit's violations differ from "
                + "expected.csv\n  expected but not reported: " + missing + "\n  reported but not expected: " + unexpected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void edgeauditDecodesTheAllocationsCoturnMade(String scenario) throws IOException {
        Path dir = out.resolve(scenario);
        Map<String, Map<String, String>> decoded = analysed(scenario).relayedByNode();

        Map<String, Map<String, String>> logged = new TreeMap<>();
        try (Reader r = Files.newBufferedReader(dir.resolve("allocations.csv"));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
            for (CSVRecord rec : csv) {
                logged.computeIfAbsent(rec.get("node"), k -> new TreeMap<>())
                        .put(rec.get("advertised_relayed"), rec.get("client_as_seen"));
            }
        }
        assertFalse(logged.isEmpty(), scenario + ": coturn logged no allocation");
        for (String node : logged.keySet()) {
            Map<String, String> want = logged.get(node);
            Map<String, String> got = decoded.getOrDefault(node, Map.of());
            assertEquals(new TreeSet<>(want.keySet()), new TreeSet<>(got.keySet()),
                    scenario + " " + node + ": relayed addresses decoded from the captures vs coturn's log");
            want.forEach((relayed, client) -> {
                // coturn names the client only when an allocation ends; the UDP probes are still open
                if (!client.isEmpty()) {
                    assertEquals(client, got.get(relayed), scenario + " " + node + ": mapped address of " + relayed);
                }
            });
        }
    }

    /**
     * What edgeaudit found in one scenario.
     *
     * @param analyze       distinct (kind, flow, capture point) findings of {@code analyze}, all capture points
     *                      in one run (port rules and A/V checks)
     * @param av            distinct findings of {@code av}, all capture points together
     * @param relayedByNode node -> relayed address -> mapped address of the allocations {@code av} decoded at
     *                      that node's own capture points ("ip:port" text; "" when no mapped address was seen)
     */
    record Analysed(List<Row> analyze, List<Row> av, Map<String, Map<String, String>> relayedByNode) {
    }

    private static Analysed analysed(String scenario) throws IOException {
        Analysed done = ANALYSES.get(scenario);
        if (done == null) {
            done = analyse(out.resolve(scenario));
            ANALYSES.put(scenario, done);
        }
        return done;
    }

    private static Analysed analyse(Path dir) throws IOException {
        Path topologyFile = dir.resolve("topology.yaml");
        Topology topology = TopologyLoader.load(topologyFile);
        RulePack pack = RulePackLoader.find(topology.pack(), topologyFile);
        // as "edgeaudit analyze --topology T --capture-point NAME=NAME.pcap ..." with every capture point at
        // once, as a user runs it: the same conversation seen at two capture points must stay two flows.
        Map<Path, CapturePoint> points = new LinkedHashMap<>();
        List<AvAnalysis.CapturePointInput> avInputs = new ArrayList<>();
        for (CapturePoint cp : topology.capturePoints().values()) {
            Path pcap = dir.resolve(cp.name() + ".pcap");
            assertTrue(Files.isRegularFile(pcap), "lab.sh wrote no " + pcap);
            points.put(pcap, cp);
            avInputs.add(new AvAnalysis.CapturePointInput(cp.name(), List.of(pcap)));
        }
        AuditResult analyzed = Analysis.run(topology, pack, List.copyOf(points.keySet()), points, Severity.INFO,
                n -> {
                });
        assertEquals("", analyzed.error(), dir + ": " + analyzed.error());
        assertFalse(analyzed.summary().partial(), dir + ": a capture was read only in part");
        // The port rules and the A/V checks may both flag one flow with one kind (SNAT at a node): one
        // finding. Flows are told apart by their 5-tuple, which is unique within one capture point.
        Map<String, Row> analyze = new LinkedHashMap<>();
        for (Violation v : analyzed.violations()) {
            Row r = Row.of(v, capturePointOf(v, points));
            analyze.putIfAbsent(r.key(), r);
        }

        // as "edgeaudit av --topology T --capture-point NAME=NAME.pcap ..." with every capture point
        AvAnalysis.Result result = AvAnalysis.run(AvTopology.of(topology), avInputs, AvInspector.Options.defaults());
        assertEquals(List.of(), result.errors(), dir + ": A/V analysis read errors");
        AvVerdicts verdicts = result.verdicts();
        Map<Violation, String> pointOf = new IdentityHashMap<>();
        Map<String, Map<String, String>> relayedByNode = new TreeMap<>();
        for (AvCapture capture : verdicts.captures()) {
            CapturePoint cp = topology.capturePoints().get(capture.capturePoint());
            for (Allocation a : capture.allocations()) {
                for (Violation v : verdicts.of(a)) {
                    pointOf.put(v, capture.capturePoint());
                }
                if (cp.atNode() && a.relayed() != null) {
                    relayedByNode.computeIfAbsent(cp.node(), k -> new TreeMap<>())
                            .put(a.relayed().toString(), a.mapped() == null ? "" : a.mapped().toString());
                }
            }
        }
        Map<String, Row> av = new LinkedHashMap<>();
        for (Violation v : verdicts.violations()) {
            String point = pointOf.get(v);
            if (point == null) {
                // a finding on a flow rather than an allocation: its evidence names the capture file
                assertFalse(v.evidence().files().isEmpty(), "A/V finding without evidence: " + v);
                String file = Path.of(v.evidence().files().get(0)).getFileName().toString();
                point = file.substring(0, file.length() - ".pcap".length());
            }
            Row r = Row.of(v, point);
            av.putIfAbsent(r.key(), r);
        }
        return new Analysed(List.copyOf(analyze.values()), List.copyOf(av.values()), relayedByNode);
    }

    /** The capture point of a finding, from the capture file its evidence names (NAME.pcap). */
    private static String capturePointOf(Violation v, Map<Path, CapturePoint> points) {
        assertFalse(v.evidence().files().isEmpty(), "finding without evidence: " + v);
        Path file = Path.of(v.evidence().files().get(0)).toAbsolutePath().normalize();
        for (Map.Entry<Path, CapturePoint> e : points.entrySet()) {
            if (e.getKey().toAbsolutePath().normalize().equals(file)) {
                return e.getValue().name();
            }
        }
        return fail("finding whose evidence names no capture file of the scenario: " + v);
    }

    private static List<Row> readExpected(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file);
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
            for (CSVRecord rec : csv) {
                rows.add(new Row(rec.get("kind"), rec.get("transport"), rec.get("orig_addr"), rec.get("orig_port"),
                        rec.get("resp_addr"), rec.get("resp_port"), rec.get("capture")));
            }
        }
        return rows;
    }

    /** One violation as expected.csv writes it; a port of "*" stands for any (a client's ephemeral port). */
    record Row(String kind, String transport, String origAddr, String origPort, String respAddr, String respPort,
               String capture) {
        static Row of(Violation v, String capture) {
            return new Row(v.kind().name(), v.transport(), v.origAddr(), Integer.toString(v.origPort()), v.respAddr(),
                    Integer.toString(v.respPort()), capture);
        }

        boolean hasWildcard() {
            return "*".equals(origPort) || "*".equals(respPort);
        }

        /** Kind, flow and capture point: one finding. */
        String key() {
            return kind + " " + transport + " " + origAddr + " " + origPort + " " + respAddr + " " + respPort + " " + capture;
        }

        boolean matches(Row found) {
            return kind.equals(found.kind) && transport.equals(found.transport) && origAddr.equals(found.origAddr)
                    && ("*".equals(origPort) || origPort.equals(found.origPort)) && respAddr.equals(found.respAddr)
                    && ("*".equals(respPort) || respPort.equals(found.respPort)) && capture.equals(found.capture);
        }

        @Override
        public String toString() {
            return kind + " " + transport + " " + origAddr + ":" + origPort + " -> " + respAddr + ":" + respPort + " @"
                    + capture;
        }
    }

    private static Path labScript() {
        String repo = System.getProperty("edgeaudit.repo", ".");
        return Path.of(repo, "samples", "lab", "lab.sh").toAbsolutePath().normalize();
    }

    private static boolean isRoot() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return id.waitFor(10, TimeUnit.SECONDS) && "0".equals(uid);
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
