package io.edgeaudit.gen;

import io.edgeaudit.net.IpAddress;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A flow script: the text form of a synthetic capture (format in samples/README.md). Parsing is
 * strict: an unknown key, a bad address or a bad number is an error naming the line.
 *
 * <pre>
 * &#64;start 2026-11-24T08:00:00Z
 * +0    tcp 203.0.113.10:50123 &gt; 198.51.100.10:5061 data=3 bytes=200
 * +0.5  udp 203.0.113.10:50124 &gt; 198.51.100.12:3478 pkts=2 payload=0001...
 * </pre>
 */
public final class FlowScript {
    private static final Set<String> COMMON = Set.of("vlan", "iface", "dir", "gap", "repeat", "ttl");
    private static final Set<String> TCP_KEYS = Set.of("data", "bytes", "close", "state", "syns", "payload", "rpayload");
    private static final Set<String> UDP_KEYS = Set.of("pkts", "replies", "bytes", "payload", "rpayload");
    private static final Set<String> ICMP_KEYS = Set.of("type", "code", "quote");

    private final String name;
    private final long startEpochNs;
    private final String link;
    private final String format;
    private final List<ScriptFlow> flows;

    private FlowScript(String name, long startEpochNs, String link, String format, List<ScriptFlow> flows) {
        this.name = name;
        this.startEpochNs = startEpochNs;
        this.link = link;
        this.format = format;
        this.flows = List.copyOf(flows);
    }

    public static FlowScript parse(Path file) throws IOException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException naming {@code name} and the line on any syntax error */
    public static FlowScript parse(String name, String text) {
        long start = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond() * 1_000_000_000L;
        String link = "ethernet";
        String format = "pcap";
        List<ScriptFlow> flows = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = stripComment(lines[i]).trim();
            if (line.isEmpty()) {
                continue;
            }
            try {
                if (line.startsWith("@")) {
                    String[] d = line.split("\\s+");
                    if (d.length != 2) {
                        throw new IllegalArgumentException("directive takes one value: " + line);
                    }
                    switch (d[0]) {
                        case "@start" -> start = parseInstant(d[1]);
                        case "@link" -> link = oneOf(d[1], "ethernet", "raw", "sll", "sll2", "null");
                        case "@format" -> format = oneOf(d[1], "pcap", "pcap-ns", "pcapng");
                        default -> throw new IllegalArgumentException("unknown directive " + d[0]
                                + " (expected: @start, @link, @format)");
                    }
                    continue;
                }
                flows.add(parseFlow(lineNo, line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ":" + lineNo + ": " + e.getMessage(), e);
            }
        }
        return new FlowScript(name, start, link, format, flows);
    }

    private static ScriptFlow parseFlow(int lineNo, String line) {
        String[] t = line.split("\\s+");
        int k = 0;
        long offset = 0;
        if (t[k].startsWith("+")) {
            offset = seconds(t[k++].substring(1));
        }
        if (t.length < k + 4 || !t[k + 2].equals(">")) {
            throw new IllegalArgumentException("expected '[+SECONDS] PROTO SRC > DST [key=value ...]'");
        }
        String proto = oneOf(t[k], "tcp", "udp", "icmp");
        boolean ports = !proto.equals("icmp");
        Endpoint src = Endpoint.parse(t[k + 1], ports);
        Endpoint dst = Endpoint.parse(t[k + 3], ports);
        if (src.addr().length() != dst.addr().length()) {
            throw new IllegalArgumentException("source and destination are of different address families");
        }
        Map<String, String> keys = new LinkedHashMap<>();
        Set<String> allowed = switch (proto) {
            case "tcp" -> TCP_KEYS;
            case "udp" -> UDP_KEYS;
            default -> ICMP_KEYS;
        };
        for (int j = k + 4; j < t.length; j++) {
            int eq = t[j].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got '" + t[j] + "'");
            }
            String key = t[j].substring(0, eq);
            String value = t[j].substring(eq + 1);
            if (!allowed.contains(key) && !COMMON.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "' for " + proto);
            }
            validate(key, value);
            keys.put(key, value);
        }
        return new ScriptFlow(lineNo, offset, proto, src.addr(), src.port(), dst.addr(), dst.port(), keys);
    }

    private static void validate(String key, String value) {
        switch (key) {
            case "payload", "rpayload" -> HexFormat.of().parseHex(value);
            case "close" -> oneOf(value, "fin", "rst", "none");
            case "state" -> oneOf(value, "ok", "refused", "noanswer", "midstream");
            case "dir" -> oneOf(value, "in", "out");
            case "iface" -> {
                if (value.isEmpty()) {
                    throw new IllegalArgumentException("empty iface");
                }
            }
            case "quote" -> Quote.parse(value);
            case "vlan" -> {
                for (String v : value.split("\\.")) {
                    int id = Integer.parseInt(v);
                    if (id < 0 || id > 4095) {
                        throw new IllegalArgumentException("vlan id " + id + " (expected: 0..4095)");
                    }
                }
            }
            default -> {
                int n = Integer.parseInt(value);
                int max = key.equals("ttl") || key.equals("type") || key.equals("code") ? 255 : 1_000_000;
                if (n < 0 || n > max) {
                    throw new IllegalArgumentException(key + "=" + n + " (expected: 0.." + max + ")");
                }
            }
        }
    }

    static long seconds(String s) {
        try {
            return new BigDecimal(s).movePointRight(9).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("bad seconds '" + s + "'", e);
        }
    }

    private static long parseInstant(String s) {
        try {
            Instant i = Instant.parse(s);
            return i.getEpochSecond() * 1_000_000_000L + i.getNano();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad @start '" + s + "' (expected: RFC 3339, e.g. 2026-11-24T08:00:00Z)", e);
        }
    }

    private static String oneOf(String v, String... allowed) {
        for (String a : allowed) {
            if (a.equals(v)) {
                return v;
            }
        }
        throw new IllegalArgumentException("'" + v + "' (expected one of: " + String.join(", ", allowed) + ")");
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    public String name() {
        return name;
    }

    public long startEpochNs() {
        return startEpochNs;
    }

    public String link() {
        return link;
    }

    public String format() {
        return format;
    }

    public List<ScriptFlow> flows() {
        return flows;
    }

    /** ADDR:PORT, [V6]:PORT, or a bare address for ICMP. */
    record Endpoint(IpAddress addr, int port) {
        static Endpoint parse(String text, boolean withPort) {
            if (!withPort) {
                return new Endpoint(IpAddress.parse(text), 0);
            }
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || (text.startsWith("[") && text.charAt(colon - 1) != ']')) {
                throw new IllegalArgumentException("expected ADDRESS:PORT, got '" + text + "'");
            }
            int port = Integer.parseInt(text.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " (expected: 0..65535)");
            }
            return new Endpoint(IpAddress.parse(text.substring(0, colon)), port);
        }
    }

    /** The packet an ICMP error quotes: {@code udp:SRC:PORT>DST:PORT} (or tcp). */
    record Quote(int proto, Endpoint src, Endpoint dst) {
        static Quote parse(String text) {
            int colon = text.indexOf(':');
            int gt = text.indexOf('>');
            if (colon < 0 || gt < 0) {
                throw new IllegalArgumentException("quote=PROTO:SRC:PORT>DST:PORT, got '" + text + "'");
            }
            int proto = switch (oneOf(text.substring(0, colon), "tcp", "udp")) {
                case "tcp" -> 6;
                default -> 17;
            };
            return new Quote(proto, Endpoint.parse(text.substring(colon + 1, gt), true),
                    Endpoint.parse(text.substring(gt + 1), true));
        }
    }
}
