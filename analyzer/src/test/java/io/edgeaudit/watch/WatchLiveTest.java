package io.edgeaudit.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code watch} on a real interface: two network namespaces joined by a veth pair, the Edge node's
 * access address in one and an Internet client in the other. watch runs as a subprocess on the Edge
 * end with an evidence ring; the client opens a bounded set of real flows (TCP 5061, allowed at the
 * node; UDP 3478 to the access address, the wrong endpoint; TCP 3389, refused and not in the pack);
 * SIGTERM stops watch; then what watch reported must equal what the file pipeline (analyze's) makes
 * of the evidence ring.
 *
 * <p>Skipped, saying why, when not root or when {@code ip netns add} fails (containers without
 * CAP_SYS_ADMIN). Namespaces are deleted in {@link #deleteNamespaces()} whatever happened.
 */
class WatchLiveTest {
    private static final String SUFFIX = Long.toString(ProcessHandle.current().pid() % 100_000);
    private static final String EDGE_NS = "ea-edge-" + SUFFIX;
    private static final String CLIENT_NS = "ea-client-" + SUFFIX;
    private static final String EDGE_IF = "eaE" + SUFFIX;
    private static final String CLIENT_IF = "eaC" + SUFFIX;
    private static final String EDGE_ACCESS = "198.51.100.21";
    private static final String CLIENT = "203.0.113.5";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @BeforeAll
    static void createNamespaces() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "needs root: creates network namespaces and captures packets");
        assumeTrue(run("ip", "netns", "add", EDGE_NS) == 0,
                "'ip netns add' failed: network namespaces are not available here");
        assumeTrue(run("ip", "netns", "add", CLIENT_NS) == 0, "'ip netns add' failed for the second namespace");
        must("ip", "link", "add", CLIENT_IF, "netns", CLIENT_NS, "type", "veth", "peer", "name", EDGE_IF, "netns", EDGE_NS);
        must("ip", "-n", EDGE_NS, "addr", "add", EDGE_ACCESS + "/24", "dev", EDGE_IF);
        must("ip", "-n", CLIENT_NS, "addr", "add", CLIENT + "/24", "dev", CLIENT_IF);
        for (String[] ns : new String[][] {{EDGE_NS, EDGE_IF}, {CLIENT_NS, CLIENT_IF}}) {
            must("ip", "-n", ns[0], "link", "set", "lo", "up");
            must("ip", "-n", ns[0], "link", "set", ns[1], "up");
        }
        must("ip", "-n", CLIENT_NS, "route", "add", "198.51.100.0/24", "dev", CLIENT_IF);
        must("ip", "-n", EDGE_NS, "route", "add", "203.0.113.0/24", "dev", EDGE_IF);
    }

    @AfterAll
    static void deleteNamespaces() throws Exception {
        // deleting a namespace deletes its end of the veth, and with it the pair
        run("ip", "netns", "del", EDGE_NS);
        run("ip", "netns", "del", CLIENT_NS);
    }

    /** The seed's two-node pool, with this test's veth named as node1's external capture point. */
    private Path topology() throws IOException {
        String yaml = """
                name: live-test
                pack: lync2013-edge-hlb
                edge:
                  nodes:
                    - name: node1
                      external: {access: 198.51.100.21, webconf: 198.51.100.22, av: 198.51.100.23}
                      internal: 198.18.0.21
                    - name: node2
                      external: {access: 198.51.100.24, webconf: 198.51.100.25, av: 198.51.100.26}
                      internal: 198.18.0.22
                  vips:
                    external: {access: 198.51.100.10, webconf: 198.51.100.11, av: 198.51.100.12}
                    internal: 198.18.0.20
                hlb:
                  snat: [198.51.100.2]
                internal:
                  networks: [198.18.0.0/15]
                  frontend: [198.18.1.10]
                federation:
                  partners: []
                  ocs2007: false
                features: {xmpp: true, web_conferencing: true, av: true}
                capture_points:
                  %s: {node: node1, interface: external}
                """.formatted(EDGE_IF);
        Path p = tmp.resolve("topology.yaml");
        Files.writeString(p, yaml);
        return p;
    }

    @Test
    void liveReportEqualsTheAnalysisOfTheEvidenceRing() throws Exception {
        Path topology = topology();
        Path out = tmp.resolve("out");
        Path ring = tmp.resolve("ring");
        Path watchErr = tmp.resolve("watch.err");
        Path watchOut = tmp.resolve("watch.out");
        Process watch = java(EDGE_NS, "io.edgeaudit.cli.Main", "watch", "--interface", EDGE_IF, "--topology",
                topology.toString(), "--window", "1h", "--out", out.toString(), "--write-pcap", ring.toString(),
                "--rotate-size", "1MB", "--keep", "5")
                .redirectOutput(watchOut.toFile()).redirectError(watchErr.toFile()).start();
        Process server = null;
        try {
            waitFor(watchErr, "capturing on", watch);
            server = java(EDGE_NS, NetnsPeer.class.getName(), "server", EDGE_ACCESS, "30")
                    .redirectErrorStream(true).start();
            String ready = new String(server.getInputStream().readNBytes(6), StandardCharsets.US_ASCII);
            assertEquals("ready\n", ready, "echo server in the Edge namespace");
            Process client = java(CLIENT_NS, NetnsPeer.class.getName(), "client", EDGE_ACCESS)
                    .redirectErrorStream(true).start();
            assertTrue(client.waitFor(30, TimeUnit.SECONDS), "client finished");
            String said = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, client.exitValue(), said);
            assertTrue(said.contains("3389 refused") && said.contains("done"), said);
            Thread.sleep(500); // the last ACKs and FINs reach the capture
            watch.destroy(); // SIGTERM
            assertTrue(watch.waitFor(60, TimeUnit.SECONDS), "watch stopped after SIGTERM");
        } finally {
            watch.destroyForcibly();
            if (server != null) {
                server.destroyForcibly();
            }
        }
        String err = Files.readString(watchErr);
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals(0, summary.at("/capture/dropped_by_interface").asLong());
        assertTrue(summary.get("final").asBoolean(), err);
        assertEquals(0, summary.at("/capture/dropped_by_kernel").asLong(), "no drops: " + err);
        assertFalse(summary.get("incomplete").asBoolean());

        List<Path> ringFiles;
        try (Stream<Path> s = Files.list(ring)) {
            ringFiles = s.sorted().toList();
        }
        assertEquals(1, ringFiles.size(), "a few hundred packets fit one evidence file");
        Path analyzeOut = tmp.resolve("analyze");
        Process analyze = java(null, "io.edgeaudit.cli.Main", "analyze", "--topology", topology.toString(),
                ringFiles.get(0).toString(), "--out", analyzeOut.toString()).redirectErrorStream(true).start();
        String analyzeSaid = new String(analyze.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(analyze.waitFor(60, TimeUnit.SECONDS), "analyze finished");
        assertEquals(analyze.exitValue(), watch.exitValue(), "same exit code as analyze: " + err + analyzeSaid);

        // the live report is analyze's report of the evidence ring, but for the input's name and
        // where in a file the bytes were (a live frame has no file offset)
        JsonNode live = normalized(out.resolve("report.json"), "live:" + EDGE_IF);
        JsonNode reference = normalized(analyzeOut.resolve("report.json"), ringFiles.get(0).toString());
        assertEquals(reference.toPrettyString(), live.toPrettyString());
        assertEquals(reference.at("/summary/packets").asLong(), summary.at("/capture/delivered").asLong());

        // and the traffic was judged as the pack says: 5061 to the node's access address allowed at
        // the node, UDP 3478 to it the wrong endpoint, 3389 in no rule at all
        assertTrue(reference.at("/summary/allowed_flows").asLong() >= 3, "three TCP 5061 flows allowed");
        List<String> expected = new ArrayList<>();
        reference.get("violations").forEach(v -> expected.add(key(v)));
        assertTrue(expected.stream().anyMatch(k -> k.startsWith("UNEXPECTED_PORT tcp " + CLIENT)
                && k.contains(EDGE_ACCESS + ":3389")), expected.toString());
        assertTrue(expected.stream().anyMatch(k -> k.startsWith("WRONG_ENDPOINT udp ")), expected.toString());
        assertTrue(expected.stream().noneMatch(k -> k.contains(":5061")), expected.toString());

        // every finding printed once, and journaled once
        List<String> journal = Files.readAllLines(out.resolve("violations.jsonl"));
        assertEquals(expected.size(), journal.size(), String.join("\n", journal));
        List<String> printed = Files.readAllLines(watchOut).stream().filter(l -> l.startsWith("VIOLATION ")).toList();
        assertEquals(expected.size(), printed.size(), String.join("\n", printed));
    }

    /** report.json without what differs between a live input and a file by nature. */
    private static JsonNode normalized(Path report, String inputName) throws IOException {
        String text = Files.readString(report).replace(inputName, "INPUT");
        ObjectNode root = (ObjectNode) JSON.readTree(text);
        root.remove("files"); // name, format, hash: a live input has no file
        for (JsonNode a : root.get("anomalies")) {
            ((ObjectNode) a).put("first", a.get("first").asText().replaceAll(" @-?\\d+$", ""));
        }
        return root;
    }

    /** "KIND transport orig:port resp:port" of a report.json violation. */
    private static String key(JsonNode v) {
        JsonNode f = v.get("flow");
        return String.join(" ", v.get("kind").asText(), f.get("transport").asText(),
                f.get("orig_addr").asText() + ":" + f.get("orig_port").asInt(),
                f.get("resp_addr").asText() + ":" + f.get("resp_port").asInt());
    }

    /** A JVM on the test's class path, inside namespace {@code ns} (null: this one). */
    private static ProcessBuilder java(String ns, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        if (ns != null) {
            cmd.addAll(List.of("ip", "netns", "exec", ns));
        }
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    private static void waitFor(Path log, String text, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            if (!p.isAlive()) {
                throw new AssertionError("watch ended early: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + text + "' from watch in 30 s: " + Files.readString(log));
    }

    private static int run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static void must(String... cmd) throws IOException, InterruptedException {
        assertEquals(0, run(cmd), String.join(" ", cmd));
    }
}
