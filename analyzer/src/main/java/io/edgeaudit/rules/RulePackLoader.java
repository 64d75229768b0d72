package io.edgeaudit.rules;

import io.edgeaudit.topology.Iface;
import io.edgeaudit.topology.Topology;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads rule packs: CSV files described in rules/README.md. A pack is found by name: in the
 * {@code rules/} folder next to the topology's folder ({@code TOPOLOGY_DIR/../rules}), then in
 * {@code ./rules} and {@code $edgeaudit.repo/rules}, then inside the jar
 * ({@code io/edgeaudit/rules/packs/}). Every error names file, line and column.
 */
public final class RulePackLoader {
    /** A pack is a few pages; anything larger is refused before parsing. */
    public static final int MAX_BYTES = 4 << 20;
    static final String CLASSPATH_DIR = "io/edgeaudit/rules/packs/";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern CHECK = Pattern.compile("[A-Z][A-Z0-9_]+|topology:[a-z-]+|[A-Za-z0-9][A-Za-z0-9._-]*");
    static final List<String> REQUIRED = List.of("id", "table", "row", "transport", "src_ports", "dst_ports", "source",
            "destination", "interface", "target", "nat");
    static final List<String> REQUIREMENT_COLUMNS = List.of("id", "source", "text", "check", "reason");

    private RulePackLoader() {
    }

    /**
     * The pack a command runs with: {@code option} (a command line's {@code --pack}, or null) wins over
     * the topology's own {@code pack}. A {@code --pack} path to an existing .csv is taken from the working
     * folder, as a user typed it; any other name, and the topology's pack, are found by {@link #find}
     * (paths relative to the topology).
     *
     * @throws RulePackException when the pack is missing or malformed (file, line, column)
     */
    public static RulePack forRun(String option, String topologyPack, Path topologyFile) {
        if (option == null) {
            return find(topologyPack, topologyFile);
        }
        if (option.endsWith(".csv") && Files.isRegularFile(Path.of(option))) {
            return find(Path.of(option).toAbsolutePath().toString(), topologyFile);
        }
        return find(option, topologyFile);
    }

    /**
     * Finds and loads the pack called {@code name} (or, when it ends in ".csv", the file it names,
     * relative to the topology's folder), with its requirements file {@code NAME-requirements.csv}
     * when one sits next to it.
     *
     * @param topologyFile the topology file, or null
     * @throws RulePackException when it is found nowhere or is malformed
     */
    public static RulePack find(String name, Path topologyFile) {
        Path topoDir = topologyFile == null ? Path.of(".") : topologyFile.toAbsolutePath().getParent();
        if (name.endsWith(".csv")) {
            Path p = topoDir.resolve(name);
            return load(stripCsv(p.getFileName().toString()), p);
        }
        if (!NAME.matcher(name).matches()) {
            throw new RulePackException(name, 0, 0, "not a pack name (expected: letters, digits, '.', '_', '-', or a path ending in .csv)");
        }
        List<Path> dirs = new ArrayList<>();
        dirs.add(topoDir.resolve("../rules").normalize());
        dirs.add(Path.of("rules").toAbsolutePath());
        String repo = System.getProperty("edgeaudit.repo");
        if (repo != null) {
            dirs.add(Path.of(repo, "rules").toAbsolutePath().normalize());
        }
        for (Path d : dirs) {
            Path p = d.resolve(name + ".csv");
            if (Files.isRegularFile(p)) {
                return load(name, p);
            }
        }
        String res = CLASSPATH_DIR + name + ".csv";
        byte[] bytes = resource(res);
        if (bytes == null) {
            throw new RulePackException(name, 0, 0, "rule pack not found (looked in " + dirs.stream().map(Path::toString)
                    .distinct().toList() + " and the jar's " + CLASSPATH_DIR + ")");
        }
        String reqRes = CLASSPATH_DIR + name + "-requirements.csv";
        byte[] req = resource(reqRes);
        return parse(name, "classpath:" + res, text("classpath:" + res, bytes),
                req == null ? null : "classpath:" + reqRes, req == null ? null : text("classpath:" + reqRes, req));
    }

    /** Loads the pack at {@code file}, and {@code NAME-requirements.csv} next to it when present. */
    public static RulePack load(String name, Path file) {
        String f = display(file);
        String text = text(f, read(f, file));
        Path req = file.resolveSibling(stripCsv(file.getFileName().toString()) + "-requirements.csv");
        String reqName = Files.isRegularFile(req) ? display(req) : null;
        return parse(name, f, text, reqName, reqName == null ? null : text(reqName, read(reqName, req)));
    }

    /**
     * Parses pack text; {@code reqFile}/{@code reqText} may be null.
     *
     * @throws RulePackException naming file, line and column
     */
    public static RulePack parse(String name, String file, String text, String reqFile, String reqText) {
        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Row row : rows(file, text, REQUIRED)) {
            Rule r = rule(row);
            if (!ids.add(r.id())) {
                throw row.error("id", "duplicate rule id '" + r.id() + "'");
            }
            rules.add(r);
        }
        if (rules.isEmpty()) {
            throw new RulePackException(file, 0, 0, "no rules (expected: a header and one row per firewall table row)");
        }
        List<HlbRequirement> reqs = new ArrayList<>();
        if (reqText != null) {
            Set<String> reqIds = new HashSet<>();
            for (Row row : rows(reqFile, reqText, REQUIREMENT_COLUMNS)) {
                HlbRequirement h = requirement(row, ids);
                if (!reqIds.add(h.id())) {
                    throw row.error("id", "duplicate requirement id '" + h.id() + "'");
                }
                reqs.add(h);
            }
        }
        return new RulePack(name, file, rules, reqs);
    }

    private static Rule rule(Row row) {
        String id = row.need("id");
        int tableRow;
        try {
            tableRow = Integer.parseInt(row.need("row"));
            if (tableRow < 1) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw row.error("row", "'" + row.get("row") + "' is not a row number (expected: 1, 2, ...)");
        }
        int transport = switch (row.need("transport").toLowerCase()) {
            case "tcp" -> 6;
            case "udp" -> 17;
            default -> throw row.error("transport", "'" + row.get("transport") + "' (expected: tcp or udp)");
        };
        PortSet src = row.parse("src_ports", PortSet::parse);
        PortSet dst = row.parse("dst_ports", PortSet::parse);
        Selector source = row.parse("source", Selector::parse);
        Selector destination = row.parse("destination", Selector::parse);
        if (source.isEdge() && destination.isEdge()) {
            throw row.error("destination", "both sides name Edge roles (expected: the Edge on one side)");
        }
        Iface iface = row.parse("interface", Iface::parse);
        String target = row.need("target");
        if (!target.equals("node") && !target.equals("vip")) {
            throw row.error("target", "'" + target + "' (expected: node or vip)");
        }
        Nat nat = row.parse("nat", Nat::parse);
        List<String> conditions = new ArrayList<>();
        String cond = row.get("condition").trim();
        if (!cond.isEmpty() && !cond.equals("none")) {
            for (String c : cond.split("\\+")) {
                if (!Topology.FLAGS.contains(c.trim())) {
                    throw row.error("condition", "unknown condition '" + c.trim() + "' (expected: none, or "
                            + String.join(", ", Topology.FLAGS.stream().sorted().toList()) + " joined by '+')");
                }
                conditions.add(c.trim());
            }
        }
        return new Rule(id, row.need("table"), row.get("table_title"), tableRow, row.get("role"), row.get("protocol"), transport, src, dst,
                source, destination, iface, target, nat, conditions, row.get("service"), row.get("source_text"),
                row.get("destination_text"), row.get("note"), row.get("service_zh"), row.get("note_zh"), row.line);
    }

    private static HlbRequirement requirement(Row row, Set<String> ruleIds) {
        String check = row.need("check");
        List<String> checks = new ArrayList<>();
        if (!check.equals("not-observable")) {
            for (String c : check.split(";")) {
                String t = c.trim();
                if (!CHECK.matcher(t).matches() || (!t.equals(t.toUpperCase()) && !t.startsWith("topology:")
                        && !ruleIds.contains(t))) {
                    throw row.error("check", "'" + t + "' (expected: not-observable, a violation kind, topology:CHECK,"
                            + " or a rule id of the pack, joined by ';')");
                }
                checks.add(t);
            }
        }
        return new HlbRequirement(row.need("id"), row.get("source"), row.need("text"), checks, row.get("reason"));
    }

    // ---- CSV with positions ----

    /** A record with the line it starts on and the header's column numbers. */
    private record Row(String file, int line, Map<String, Integer> columns, CSVRecord record) {
        String get(String col) {
            Integer i = columns.get(col);
            return i == null || i >= record.size() ? "" : record.get(i);
        }

        String need(String col) {
            String v = get(col).trim();
            if (v.isEmpty()) {
                throw error(col, "empty " + col + " (expected: a value)");
            }
            return v;
        }

        <T> T parse(String col, java.util.function.Function<String, T> parser) {
            String v = need(col);
            try {
                return parser.apply(v);
            } catch (IllegalArgumentException e) {
                throw error(col, col + ": " + e.getMessage());
            }
        }

        RulePackException error(String col, String message) {
            Integer i = columns.get(col);
            return new RulePackException(file, line, i == null ? 0 : i + 1, message);
        }
    }

    private static List<Row> rows(String file, String text, List<String> required) {
        List<Row> out = new ArrayList<>();
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setCommentMarker('#').setTrim(true).build();
        try (CSVParser p = CSVParser.parse(text, format)) {
            Map<String, Integer> columns = p.getHeaderMap();
            if (columns == null || columns.isEmpty()) {
                throw new RulePackException(file, 1, 1, "no header (expected: " + String.join(",", required) + ")");
            }
            for (String c : required) {
                if (!columns.containsKey(c)) {
                    throw new RulePackException(file, 1, 0, "missing column '" + c + "' (expected: at least "
                            + String.join(",", required) + ")");
                }
            }
            int[] lineStarts = lineStarts(text);
            for (CSVRecord r : p) {
                int line = lineOf(lineStarts, r.getCharacterPosition());
                if (r.size() != columns.size()) {
                    throw new RulePackException(file, line, Math.min(r.size(), columns.size()) + 1, r.size()
                            + " cells (expected: " + columns.size() + ", one per header column)");
                }
                out.add(new Row(file, line, columns, r));
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new RulePackException(file, 0, 0, "malformed CSV: " + m.lines().findFirst().orElse(m));
        }
        return out;
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int lineOf(int[] starts, long pos) {
        int lo = 0;
        int hi = starts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= pos) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }

    // ---- bytes ----

    private static byte[] read(String name, Path p) {
        try {
            long size = Files.size(p);
            if (size > MAX_BYTES) {
                throw new RulePackException(name, 0, 0, "file is " + size + " bytes (expected: at most " + MAX_BYTES + ")");
            }
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new RulePackException(name, 0, 0, "cannot read: " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
    }

    private static byte[] resource(String res) {
        try (InputStream in = RulePackLoader.class.getClassLoader().getResourceAsStream(res)) {
            return in == null ? null : in.readNBytes(MAX_BYTES);
        } catch (IOException e) {
            throw new RulePackException("classpath:" + res, 0, 0, "cannot read: " + e.getMessage());
        }
    }

    private static String text(String name, byte[] bytes) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (CharacterCodingException e) {
            throw new RulePackException(name, 0, 0, "not UTF-8 text");
        }
    }

    /** The path relative to the working folder when it lies inside it (reports then read the same on every machine). */
    private static String display(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : p.toString();
    }

    private static String stripCsv(String n) {
        return n.endsWith(".csv") ? n.substring(0, n.length() - 4) : n;
    }
}
