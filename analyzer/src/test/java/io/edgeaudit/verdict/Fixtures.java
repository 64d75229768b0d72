package io.edgeaudit.verdict;

import io.edgeaudit.flow.Flow;
import io.edgeaudit.flow.PacketRef;
import io.edgeaudit.net.IpAddress;
import io.edgeaudit.rules.RulePack;
import io.edgeaudit.rules.RulePackLoader;
import io.edgeaudit.topology.Topology;
import io.edgeaudit.topology.TopologyLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The repository's sample topology and rule pack, and flows built by hand. */
final class Fixtures {
    static final Path REPO = Path.of(System.getProperty("edgeaudit.repo", ".."));
    static final Path POOL1 = REPO.resolve("samples/topologies/pool1.yaml");

    /** An Internet client (documentation range, so public). */
    static final String INTERNET = "203.0.113.10";
    /** An internal host that is no declared server. */
    static final String INTERNAL_HOST = "198.18.5.5";
    static final String FRONTEND = "198.18.1.10";

    private Fixtures() {
    }

    static Topology pool1() {
        return TopologyLoader.load(POOL1);
    }

    /** pool1 with one line of its YAML replaced (e.g. to switch ocs2007 on). */
    static Topology pool1With(String from, String to) {
        try {
            String text = Files.readString(POOL1);
            if (!text.contains(from)) {
                throw new AssertionError("pool1.yaml has no '" + from + "'");
            }
            return TopologyLoader.parse("pool1-variant.yaml", text.replace(from, to));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static RulePack pack() {
        return RulePackLoader.load("lync2013-edge-hlb", REPO.resolve("rules/lync2013-edge-hlb.csv"));
    }

    /** A completed flow (SF, packets both ways) from packet 1 of input 0. */
    static Flow flow(String proto, String orig, int origPort, String resp, int respPort) {
        return flow(proto, orig, origPort, resp, respPort, "SF", 3, 2);
    }

    static Flow flow(String proto, String orig, int origPort, String resp, int respPort, String connState,
                     int origPkts, int respPkts) {
        int transport = switch (proto) {
            case "tcp" -> 6;
            case "udp" -> 17;
            case "icmp" -> 1;
            default -> throw new IllegalArgumentException(proto);
        };
        Flow f = new Flow("F1", transport, IpAddress.parse(orig), origPort, IpAddress.parse(resp), respPort, 0, 0, 0,
                null, null, false, 0, 1_800_000_000_000_000_000L);
        f.connState(connState);
        for (int i = 0; i < origPkts; i++) {
            f.orig().add(100, 40);
        }
        for (int i = 0; i < respPkts; i++) {
            f.resp().add(120, 60);
        }
        f.addPacketRef(new PacketRef(0, "test.pcap", 1, 1_800_000_000_000_000_000L));
        f.tsLast(1_800_000_001_000_000_000L);
        return f;
    }

    static FlowClassifier classifier(Topology t) {
        return new FlowClassifier(t, pack(), new CapturePoints(t, Map.of()));
    }
}
