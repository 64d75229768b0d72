package io.edgeaudit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.edgeaudit.inspect.av.AvInspector;
import io.edgeaudit.report.OutputFolder;
import io.edgeaudit.topology.CapturePoint;
import io.edgeaudit.topology.Topology;
import io.edgeaudit.topology.TopologyException;
import io.edgeaudit.topology.TopologyLoader;
import io.edgeaudit.decode.Anomalies;
import io.edgeaudit.report.OutputFolder;
import io.edgeaudit.report.html.HtmlReportWriter;
import io.edgeaudit.verdict.AnomalyCount;
import io.edgeaudit.verdict.AuditResult;
import io.edgeaudit.verdict.InputFile;
import io.edgeaudit.verdict.Severity;
import io.edgeaudit.verdict.Violation;
import io.edgeaudit.verdict.av.AvAllocations;
import io.edgeaudit.verdict.av.AvReport;
import io.edgeaudit.verdict.av.AvTopology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code edgeaudit av}: decodes STUN/TURN/MS-TURN in the captures, rebuilds the A/V allocations, and
 * gives per allocation a timeline and a plain-language verdict naming the HLB requirement broken and
 * what to change on the load balancer.
 */
@Command(name = "av", mixinStandardHelpOptions = true,
        description = {"Explain A/V Edge traffic: STUN/TURN/MS-TURN allocations (UDP, TCP, MS-TURN pseudo-TLS on 443), "
                + "SNAT on A/V, relayed addresses, response sources, media path; one verdict per allocation.",
                "Captures from several vantage points (the load balancer's outside, a node's external interface) "
                        + "go in with --capture-point NAME=FILE; the same STUN transactions are matched across them."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no A/V finding at or above --fail-on", "1:A/V findings at or above --fail-on",
                "2:input or usage error (partial results are still shown)", "3:internal error"})
public final class AvCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--topology", paramLabel = "FILE",
            description = "topology YAML (node A/V addresses, VIPs, load balancer SNAT addresses, relay ports, capture points); "
                    + "without it only address-free checks run")
    Path topology;

    @Option(names = "--capture-point", paramLabel = "NAME=FILE",
            description = "where FILE was taken: a capture point of the topology, NODE:external or hlb:external "
                    + "(repeatable; the files of one point are merged in time order, points are kept apart)")
    List<String> capturePoints = new ArrayList<>();

    @Parameters(paramLabel = "CAPTURE", arity = "0..*", description = "pcap/pcapng files of one vantage point")
    List<Path> captures = new ArrayList<>();

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "console format (default ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--out", paramLabel = "DIR", description = "also write av.txt, av.json and report.html into DIR")
    Path out;

    @Option(names = "--timeline", description = "print the timeline of every allocation, not only of those with findings")
    boolean timeline;

    @Option(names = "--all-tcp", description = "look for STUN in every TCP flow, not only 443, 3478, 5349 and the relay ports")
    boolean allTcp;

    @Option(names = "--fail-on", defaultValue = "warning", paramLabel = "SEVERITY",
            description = "exit 1 when a finding is at least this severe: info, warning, error (default ${DEFAULT-VALUE})")
    String failOn;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (!format.equals("text") && !format.equals("json")) {
            err.println("edgeaudit av: --format " + format + " (expected: text or json)");
            return ExitCodes.INPUT_ERROR;
        }
        Severity threshold;
        try {
            threshold = Severity.parse(failOn);
        } catch (IllegalArgumentException e) {
            err.println("edgeaudit av: --fail-on " + e.getMessage());
            return ExitCodes.INPUT_ERROR;
        }
        Topology topo = null;
        if (topology != null) {
            try {
                topo = TopologyLoader.load(topology);
            } catch (TopologyException e) {
                err.println("edgeaudit av: " + e.getMessage());
                return ExitCodes.INPUT_ERROR;
            }
        }
        AvTopology avTopo = topo == null ? AvTopology.empty() : AvTopology.of(topo);
        Map<String, List<Path>> points = new LinkedHashMap<>();
        Map<String, String> inlineNodes = new LinkedHashMap<>();
        if (!captures.isEmpty()) {
            points.put("capture", captures);
        }
        for (String cp : capturePoints) {
            int eq = cp.indexOf('=');
            if (eq <= 0 || eq == cp.length() - 1) {
                err.println("edgeaudit av: --capture-point '" + cp + "' (expected: NAME=FILE)");
                return ExitCodes.INPUT_ERROR;
            }
            String name = cp.substring(0, eq);
            if (topo != null) {
                CapturePoint point = AnalyzeCommand.capturePoint(topo, name);
                if (point == null) {
                    err.println("edgeaudit av: capture point '" + name + "' is not in " + topology + " (expected one of: "
                            + String.join(", ", topo.capturePoints().keySet()) + ", NODE:external, hlb:external)");
                    return ExitCodes.INPUT_ERROR;
                }
                if (point.atNode()) {
                    inlineNodes.put(name, point.node());
                }
            }
            points.computeIfAbsent(name, k -> new ArrayList<>()).add(Path.of(cp.substring(eq + 1)));
        }
        if (points.isEmpty()) {
            err.println("edgeaudit av: no capture given (expected: CAPTURE... or --capture-point NAME=FILE)");
            return ExitCodes.INPUT_ERROR;
        }
        for (List<Path> files : points.values()) {
            for (Path f : files) {
                if (!Files.isReadable(f)) {
                    err.println("edgeaudit av: cannot read " + f);
                    return ExitCodes.INPUT_ERROR;
                }
            }
        }
        avTopo = avTopo.withCapturePointNodes(inlineNodes);
        List<AvAnalysis.CapturePointInput> inputs = new ArrayList<>();
        points.forEach((n, f) -> inputs.add(new AvAnalysis.CapturePointInput(n, f)));
        AvInspector.Options options = new AvInspector.Options(avTopo.relayPortMin(), avTopo.relayPortMax(), true, allTcp);
        AvAnalysis.Result result = AvAnalysis.run(avTopo, inputs, options);
        AvReport report = AvReport.of(result.verdicts(), avTopo, result.anomalies());

        String text = render(report, true);
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report);
        PrintWriter outWriter = spec.commandLine().getOut();
        outWriter.print(format.equals("json") ? json + System.lineSeparator() : render(report, timeline));
        outWriter.flush();
        if (out != null) {
            // atomically, like analyze's reports (issue 7): a reader never sees half a file
            OutputFolder folder = new OutputFolder(out);
            folder.write("av.txt", w -> w.write(text));
            folder.write("av.json", w -> w.write(json + "\n"));
            AuditResult audit = auditResult(topo, inputs, result, avTopo, threshold);
            folder.write("report.html", w -> HtmlReportWriter.render(audit, w));
        }
        for (String e : result.errors()) {
            err.println("edgeaudit av: " + e + " (analysed the part read; results are partial)");
        }
        if (!result.errors().isEmpty()) {
            return ExitCodes.INPUT_ERROR;
        }
        for (Violation v : report.violations()) {
            if (v.severity().atLeast(threshold)) {
                return ExitCodes.VIOLATIONS;
            }
        }
        return ExitCodes.OK;
    }

    /**
     * The A/V run as an {@link AuditResult} with no port-rule part (no flows, coverage or requirements),
     * so the HTML report of {@code analyze} can show its verdict, violations and allocations.
     */
    private AuditResult auditResult(Topology topo, List<AvAnalysis.CapturePointInput> inputs, AvAnalysis.Result result,
                                    AvTopology avTopo, Severity failOn) {
        List<InputFile> files = new ArrayList<>();
        for (AvAnalysis.CapturePointInput in : inputs) {
            for (Path f : in.files()) {
                files.add(new InputFile(files.size(), f.toString(), "", "", 0, in.name(), ""));
            }
        }
        List<AnomalyCount> anomalies = new ArrayList<>();
        for (Anomalies.Entry e : result.anomalies()) {
            anomalies.add(new AnomalyCount(e.name(), e.count(), e.first() == null ? ""
                    : e.first().file() + "#" + e.first().packetNumber() + " @" + e.first().byteOffset()));
        }
        AuditResult base = AuditResult.of(topo == null ? "" : topo.name(), topology == null ? "" : topology.toString(),
                topo == null ? "" : topo.pack(), files, result.packets(), 0, List.of(), List.of(), List.of(), List.of(),
                List.of(), anomalies, String.join("; ", result.errors()), failOn);
        return base.withAv(result.verdicts().violations(), AvAllocations.rows(result.verdicts(), avTopo));
    }

    private static String render(AvReport report, boolean timeline) {
        StringWriter s = new StringWriter();
        try (PrintWriter w = new PrintWriter(s)) {
            AvText.write(report, w, timeline);
        }
        return s.toString();
    }
}
