package io.edgeaudit.cli;

import io.edgeaudit.report.ConsoleSummary;
import io.edgeaudit.report.OutputFolder;
import io.edgeaudit.report.html.HtmlReportWriter;
import io.edgeaudit.rules.RulePack;
import io.edgeaudit.topology.CapturePoint;
import io.edgeaudit.topology.Iface;
import io.edgeaudit.topology.Topology;
import io.edgeaudit.topology.TopologyCheck;
import io.edgeaudit.topology.TopologyFinding;
import io.edgeaudit.verdict.AuditResult;
import io.edgeaudit.verdict.Severity;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code edgeaudit analyze}: classify every flow of the captures against the topology's rule pack. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Classify every flow of the captures against the documented Edge model (the topology's "
                + "rule pack): allowed with its rule, or violations with the row they break and their evidence."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:compliant (nothing at or above --fail-on)", "1:violations at or above --fail-on",
                "2:input or usage error, or an input cut short (what could be read was analysed and written)",
                "3:internal error"})
public final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--topology", required = true, paramLabel = "FILE", description = "topology YAML")
    Path topology;

    @Option(names = "--capture-point", paramLabel = "NAME=FILE",
            description = {"where FILE (a capture or a folder of them) was taken: NAME is a capture point of the "
                    + "topology, or NODE:external|internal, or hlb:external|internal. Repeatable; FILE is analysed "
                    + "too."})
    List<String> capturePoints = new ArrayList<>();

    @Option(names = "--pack", paramLabel = "NAME", description = "rule pack name or .csv path (default: the topology's)")
    String pack;

    @Option(names = "--out", paramLabel = "DIR",
            description = "write report.json, flows.csv, violations.csv, coverage.csv and report.html here")
    Path out;

    @Option(names = "--evidence",
            description = "with --out: also write evidence.pcapng, the violating flows' packets with comments naming the violations")
    boolean evidence;

    @Mixin
    OutputOptions output;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "warning", converter = SeverityConverter.class,
            description = "lowest severity that fails the run: info, warning or error (default ${DEFAULT-VALUE})")
    Severity failOn;

    @Parameters(paramLabel = "CAPTURE", arity = "0..*", description = "pcap/pcapng files (gzip too) or folders of them")
    List<Path> captures = new ArrayList<>();

    /** Parses a severity without side effects. */
    static final class SeverityConverter implements CommandLine.ITypeConverter<Severity> {
        @Override
        public Severity convert(String value) {
            try {
                return Severity.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Analysis.Model model = Analysis.loadModel(topology, pack, err);
        if (model == null) {
            return ExitCodes.INPUT_ERROR;
        }
        Topology t = model.topology();
        RulePack rules = model.rules();
        Map<Path, CapturePoint> points = new LinkedHashMap<>();
        List<Path> inputs = new ArrayList<>(captures);
        for (String spec : capturePoints) {
            int eq = spec.indexOf('=');
            if (eq <= 0 || eq == spec.length() - 1) {
                err.println("edgeaudit: --capture-point '" + spec + "' (expected: NAME=FILE)");
                return ExitCodes.INPUT_ERROR;
            }
            CapturePoint cp = capturePoint(t, spec.substring(0, eq));
            if (cp == null) {
                err.println("edgeaudit: --capture-point '" + spec + "': unknown capture point '" + spec.substring(0, eq)
                        + "' (expected: one of the topology's " + t.capturePoints().keySet()
                        + ", NODE:external|internal, or hlb:external|internal)");
                return ExitCodes.INPUT_ERROR;
            }
            Path file = Path.of(spec.substring(eq + 1));
            points.put(file, cp);
            if (!inputs.contains(file)) {
                inputs.add(file);
            }
        }
        if (inputs.isEmpty()) {
            err.println("edgeaudit: no capture given (expected: CAPTURE... or --capture-point NAME=FILE)");
            return ExitCodes.INPUT_ERROR;
        }
        List<TopologyFinding> findings = TopologyCheck.check(t);
        for (TopologyFinding f : findings) {
            err.println("edgeaudit: topology: " + f.format(topology.toString()));
        }
        AuditResult result;
        try {
            List<Long> sizes = new ArrayList<>();
            for (Path p : inputs) {
                sizes.add(Files.isRegularFile(p) ? Files.size(p) : 0L);
            }
            try (ProgressBar bar = output.progress(err, sizes)) {
                result = Analysis.run(t, rules, inputs, points, failOn, note -> err.println("edgeaudit: " + note), bar);
            }
        } catch (IOException e) {
            err.println("edgeaudit: " + e.getMessage());
            return ExitCodes.INPUT_ERROR;
        }
        if (!output.quiet()) {
            ConsoleSummary.write(result, stdout);
        }
        if (evidence && out == null) {
            err.println("edgeaudit: --evidence needs --out DIR (expected: the folder evidence.pcapng goes to)");
            return ExitCodes.INPUT_ERROR;
        }
        if (out != null) {
            try {
                OutputFolder folder = new OutputFolder(out);
                AuditOutputs.writeData(result, folder);
                folder.write("report.html", w -> HtmlReportWriter.render(result, w));
                if (!output.quiet()) {
                    stdout.println("Wrote " + AuditOutputs.DATA_FILES + ", report.html to " + out);
                }
                if (evidence) {
                    EvidenceOutput.write(result.violations(), inputs, folder.dir().resolve("evidence.pcapng"),
                            output.quiet() ? new PrintWriter(PrintWriter.nullWriter()) : stdout, err);
                }
            } catch (IOException e) {
                err.println("edgeaudit: cannot write to " + out + ": " + e.getMessage());
                return ExitCodes.INPUT_ERROR;
            }
        }
        for (var f : result.files()) {
            if (f.partial()) {
                err.println("edgeaudit: " + f.error());
            }
        }
        stdout.flush();
        return result.exitCode();
    }

    /** The topology's capture point NAME, or an inline NODE:external|internal / hlb:external|internal; else null. */
    static CapturePoint capturePoint(Topology t, String name) {
        CapturePoint cp = t.capturePoints().get(name);
        if (cp != null) {
            return cp;
        }
        int colon = name.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String where = name.substring(0, colon);
        Iface side;
        try {
            side = Iface.parse(name.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (where.equals("hlb")) {
            return new CapturePoint(name, null, side);
        }
        return t.node(where) == null ? null : new CapturePoint(name, where, side);
    }
}
