package io.edgeaudit.cli;

import io.edgeaudit.inspect.av.Allocation;
import io.edgeaudit.inspect.av.AvCapture;
import io.edgeaudit.inspect.av.AvInspector;
import io.edgeaudit.inspect.stun.StunDialect;
import io.edgeaudit.inspect.stun.TransportAddress;
import io.edgeaudit.net.IpAddress;
import io.edgeaudit.verdict.Violation;
import io.edgeaudit.verdict.ViolationKind;
import io.edgeaudit.verdict.av.AvTopology;
import io.edgeaudit.verdict.av.AvVerdicts;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real TURN traffic: samples/av/lab/coturn-lab.sh puts a client, an iptables load balancer (the A/V VIP
 * 198.51.100.10 as DNAT to node1, optionally SNAT) and coturn as node1 into network namespaces it creates
 * and deletes, drives coturn with turnutils_uclient (-n 10, under timeout) and captures at the load
 * balancer's outside and at node1. The decoded allocations are checked against what the client and the
 * server logged. Skipped, with the reason, without root, namespaces or the tools.
 */
class CoturnLabTest {
    static final Path LAB = Path.of(System.getProperty("edgeaudit.repo", ".."), "samples/av/lab/coturn-lab.sh");
    static final AvTopology TOPO = new AvTopology(Map.of("node1", IpAddress.parse("198.51.100.2")),
            Set.of(IpAddress.parse("198.51.100.10")), Set.of(), Set.of(IpAddress.parse("198.51.100.1")),
            50_000, 59_999, Map.of("node1", "node1"));
    static final Pattern RELAY = Pattern.compile("Received relay addr: (\\S+)");
    static final Pattern CONNECTED = Pattern.compile("Connected from: (\\S+)");
    static final Pattern SERVER_RELAY = Pattern.compile("Local relay addr: (\\S+)");

    @BeforeAll
    static void needsTheLab() {
        Assumptions.assumeTrue(Files.isExecutable(LAB), "no lab script at " + LAB);
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "network namespaces need root");
        for (String tool : List.of("/usr/bin/turnserver", "/usr/bin/turnutils_uclient", "/usr/sbin/iptables", "/usr/bin/tcpdump")) {
            Assumptions.assumeTrue(Files.isExecutable(Path.of(tool)) || Files.isExecutable(Path.of(tool.replace("/usr/sbin", "/sbin"))),
                    tool + " is not installed");
        }
    }

    record Lab(Path dir, AvVerdicts verdicts, AvCapture lb, AvCapture node1, String client, String server) {
        Set<String> clientRelays() {
            return all(RELAY, client);
        }

        Set<String> clientLocalAddresses() {
            return all(CONNECTED, client);
        }

        Set<String> serverRelays() {
            return all(SERVER_RELAY, server);
        }

        List<ViolationKind> kinds() {
            return verdicts.violations().stream().map(Violation::kind).distinct().toList();
        }
    }

    static Set<String> all(Pattern p, String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static Lab run(Path dir, String mode, String transport) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(LAB.toString(), dir.toString(), mode, transport)
                .redirectErrorStream(true).redirectOutput(dir.resolve("lab.out").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroy(); // the script's trap deletes the namespaces and stops what it started
            p.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("lab did not finish in 120 s: " + Files.readString(dir.resolve("lab.out")));
        }
        Assumptions.assumeTrue(p.exitValue() != 77, () -> "lab unavailable: " + read(dir.resolve("lab.out")));
        assertEquals(0, p.exitValue(), () -> read(dir.resolve("lab.out")));
        String client = read(dir.resolve("uclient.log"));
        assertTrue(client.contains("uclient exit 0"), client);
        AvAnalysis.Result r = AvAnalysis.run(TOPO, List.of(
                new AvAnalysis.CapturePointInput("lb", List.of(dir.resolve("lb.pcap"))),
                new AvAnalysis.CapturePointInput("node1", List.of(dir.resolve("node1.pcap")))), AvInspector.Options.defaults());
        assertEquals(List.of(), r.errors());
        AvCapture lb = r.verdicts().captures().get(0);
        AvCapture node1 = r.verdicts().captures().get(1);
        return new Lab(dir, r.verdicts(), lb, node1, client, read(dir.resolve("turnserver.log")));
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(" + p + " unreadable: " + e.getMessage() + ")";
        }
    }

    static Set<String> relays(AvCapture c) {
        return c.allocations().stream().filter(Allocation::allocated).map(a -> a.relayed().toString())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> mapped(AvCapture c) {
        return c.allocations().stream().filter(Allocation::allocated).map(a -> a.mapped().toString())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * ChannelData as tshark counts it in the load balancer's capture (one value per message, also when
     * a TCP segment carries several); uclient does not always send, so the capture is the reference.
     */
    static long tsharkChannelData(Path pcap) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tshark", "-n", "-r", pcap.toString(), "-d", "tcp.port==443,stun", "-T", "fields", "-e", "stun.channel")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return java.util.Arrays.stream(out.split("[,\\n]")).filter(v -> !v.isBlank()).count();
    }

    /**
     * Every ChannelData message in the capture is attributed to an allocation, as sent by its client or
     * delivered to it; with uclient -y relaying between its own sessions, a channel binding was decoded.
     */
    static void assertMediaAccounted(Lab lab) throws IOException, InterruptedException {
        AvCapture c = lab.lb();
        long expected = tsharkChannelData(lab.dir().resolve("lb.pcap"));
        assertEquals(expected, c.channelData(), "ChannelData messages decoded vs tshark");
        long sent = c.allocations().stream().mapToLong(a -> a.clientToServerData().packets()).sum();
        long delivered = c.allocations().stream().mapToLong(a -> a.serverToClientData().packets()).sum();
        assertEquals(expected, sent + delivered, "each ChannelData message belongs to an allocation");
        if (expected > 0) {
            assertTrue(c.allocations().stream().anyMatch(a -> a.channels().size() == 1), "a channel binding was decoded");
        }
    }

    /**
     * Without SNAT nothing at error severity may appear. uclient sometimes sends in one direction only,
     * which ONE_WAY_MEDIA then reports as a warning; that is a true statement about the traffic.
     */
    static void assertNoErrors(Lab lab) {
        List<Violation> errors = lab.verdicts().violations().stream()
                .filter(v -> v.severity() == io.edgeaudit.verdict.Severity.ERROR).toList();
        assertEquals(List.of(), errors, errors::toString);
        for (Violation v : lab.verdicts().violations()) {
            assertEquals(ViolationKind.ONE_WAY_MEDIA, v.kind(), v.toString());
        }
    }

    @Test
    void udpAllocationsThroughTheVipMatchWhatCoturnLoggedAndBreakNoRule(@TempDir Path dir) throws Exception {
        Lab lab = run(dir, "nosnat", "udp");
        assertFalse(lab.clientRelays().isEmpty(), lab.client());
        assertEquals(lab.clientRelays(), relays(lab.lb()));                   // what the client was given
        assertTrue(lab.serverRelays().containsAll(relays(lab.lb())), lab.serverRelays() + " vs " + relays(lab.lb()));
        assertEquals(lab.clientRelays(), relays(lab.node1()));
        assertEquals(lab.clientLocalAddresses(), mapped(lab.lb()));            // no NAT: mapped = client's own socket
        for (Allocation a : lab.lb().allocations()) {
            assertEquals("198.51.100.10:3478", a.server().toString());
            assertEquals(StunDialect.RFC5389, a.dialect());
            assertEquals(1, a.errors().get(401));                              // coturn's long-term credential challenge
            assertEquals("edgeaudit.test", a.realm());
            assertEquals(0, a.unanswered());
        }
        assertMediaAccounted(lab);
        assertNoErrors(lab);
        assertEquals(List.of(), lab.verdicts().rewrites());
    }

    @Test
    void snatInFrontOfTheTurnServerIsSnatOnAv(@TempDir Path dir) throws Exception {
        Lab lab = run(dir, "snat", "udp");
        assertEquals(lab.clientRelays(), relays(lab.lb()));
        Set<String> snatMapped = mapped(lab.node1());
        assertFalse(snatMapped.isEmpty());
        for (String m : snatMapped) {
            assertEquals(IpAddress.parse("198.51.100.1"), TransportAddress.parse(m).ip(), "coturn saw the SNAT address");
        }
        Set<Integer> clientPorts = lab.clientLocalAddresses().stream().map(s -> TransportAddress.parse(s).port())
                .collect(Collectors.toSet());
        assertTrue(lab.verdicts().rewrites().stream().allMatch(r -> r.before().ip().equals(IpAddress.parse("203.0.113.10"))
                && r.after().ip().equals(IpAddress.parse("198.51.100.1")) && clientPorts.contains(r.before().port())),
                lab.verdicts().rewrites().toString());
        assertFalse(lab.verdicts().rewrites().isEmpty());
        assertTrue(lab.kinds().contains(ViolationKind.SNAT_ON_AV), lab.kinds().toString());
        assertTrue(lab.verdicts().violations().stream().anyMatch(v -> v.explanation().contains("at node1")),
                "the rewrite is named: client X at the load balancer became Y at node1");
    }

    @Test
    void plainTurnOverTcp443ThroughTheVipIsDecoded(@TempDir Path dir) throws Exception {
        Lab lab = run(dir, "nosnat", "tcp443");
        assertFalse(lab.clientRelays().isEmpty(), lab.client());
        assertEquals(lab.clientRelays(), relays(lab.lb()));
        for (Allocation a : lab.lb().allocations()) {
            assertEquals("198.51.100.10:443", a.server().toString());
            assertEquals("tcp", a.framing()); // no pseudo-TLS: coturn speaks RFC 5766 TCP framing on any port
        }
        assertEquals(lab.clientRelays(), relays(lab.node1()));
        assertMediaAccounted(lab);
        assertNoErrors(lab);
    }

    @Test
    void plainTurnOverTcpIsDecodedWithPaddedChannelData(@TempDir Path dir) throws Exception {
        Lab lab = run(dir, "nosnat", "tcp");
        assertFalse(lab.clientRelays().isEmpty(), lab.client());
        assertEquals(lab.clientRelays(), relays(lab.lb()));
        for (Allocation a : lab.lb().allocations()) {
            assertEquals("tcp", a.transport());
            assertEquals("tcp", a.framing());
        }
        assertEquals(lab.clientLocalAddresses(), mapped(lab.lb()));
        assertMediaAccounted(lab);
        assertNoErrors(lab);
    }
}
