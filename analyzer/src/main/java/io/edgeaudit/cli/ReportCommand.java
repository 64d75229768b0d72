package io.edgeaudit.cli;

import io.edgeaudit.report.ConsoleSummary;
import io.edgeaudit.report.OutputFolder;
import io.edgeaudit.report.history.HistoryException;
import io.edgeaudit.report.history.RunRecord;
import io.edgeaudit.report.history.ScheduledRun;
import io.edgeaudit.report.history.StoredFinding;
import io.edgeaudit.report.html.HtmlReportWriter;
import io.edgeaudit.report.html.ReportModels;
import io.edgeaudit.rules.RulePack;
import io.edgeaudit.topology.CapturePoint;
import io.edgeaudit.topology.Topology;
import io.edgeaudit.verdict.AuditResult;
import io.edgeaudit.verdict.Severity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code edgeaudit report}: the scheduled compliance run. Analyses the capture files that arrived in
 * a folder since the last run, writes a dated run folder (report.html, changes.json, report.json and
 * the CSVs, optionally evidence.pcapng) and records the run in the SQLite history, which gives the
 * new, persisting and resolved findings. docs/scheduling.md has cron and systemd examples.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Scheduled compliance run: analyse the capture files that arrived in DIR since the last run, "
                + "write a dated report folder and keep the history of runs and findings (new, persisting, resolved)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:compliant, or no new capture file since the last run",
                "1:violations at or above --fail-on",
                "2:input or usage error (bad topology, unreadable input or history); or an input cut short",
                "3:internal error (nothing was recorded)"})
public final class ReportCommand implements Callable<Integer> {
    /** How long a run waits for another run holding the history lock. */
    static final long LOCK_WAIT_MILLIS = 10 * 60 * 1000L;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Option(names = "--topology", required = true, paramLabel = "FILE", description = "topology YAML")
    Path topology;

    @Option(names = "--input", required = true, paramLabel = "DIR", description = "folder the capture files arrive in")
    Path input;

    @Option(names = "--since", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "only files modified within this long before the run, e.g. 24h or 7d (default: every file not yet analysed)")
    Duration since;

    @Option(names = "--settle", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "60s",
            description = "leave files modified more recently than this for the next run (default ${DEFAULT-VALUE})")
    Duration settle;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "reports",
            description = "where run folders and history.db go (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--history", paramLabel = "FILE", description = "the history database (default: OUT/history.db)")
    Path history;

    @Option(names = "--capture-point", paramLabel = "NAME=DIR",
            description = "where the files below DIR (a folder inside --input) were captured; as in analyze. Repeatable.")
    List<String> capturePoints = new ArrayList<>();

    @Option(names = "--pack", paramLabel = "NAME", description = "rule pack name or .csv path (default: the topology's)")
    String pack;

    @Option(names = "--evidence", description = "also write evidence.pcapng: the violating flows' packets, commented")
    boolean evidence;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "warning",
            converter = AnalyzeCommand.SeverityConverter.class,
            description = "lowest severity that fails the run: info, warning or error (default ${DEFAULT-VALUE})")
    Severity failOn;

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
        if (!Files.isDirectory(input)) {
            err.println("edgeaudit: --input " + input + " is not a folder (expected: the folder capture files arrive in)");
            return ExitCodes.INPUT_ERROR;
        }
        Map<Path, CapturePoint> points = new LinkedHashMap<>();
        for (String cp : capturePoints) {
            int eq = cp.indexOf('=');
            CapturePoint point = eq <= 0 ? null : AnalyzeCommand.capturePoint(t, cp.substring(0, eq));
            if (point == null || eq == cp.length() - 1) {
                err.println("edgeaudit: --capture-point '" + cp + "' (expected: NAME=DIR with NAME one of the "
                        + "topology's " + t.capturePoints().keySet() + ", NODE:external|internal or hlb:external|internal)");
                return ExitCodes.INPUT_ERROR;
            }
            Path dir = Path.of(cp.substring(eq + 1));
            points.put(dir.isAbsolute() ? dir : input.resolve(dir), point);
        }
        Path db = history != null ? history : out.resolve("history.db");
        AuditResult[] analysed = new AuditResult[1];
        ScheduledRun.Result result;
        try {
            result = new ScheduledRun(input, out, db, since, settle, LOCK_WAIT_MILLIS).run(Instant.now(), (files, folder) -> {
                List<Long> sizes = new ArrayList<>();
                for (Path f : files) {
                    sizes.add(Files.size(f));
                }
                AuditResult r;
                try (ProgressBar bar = output.progress(err, sizes)) {
                    r = Analysis.run(t, rules, files, points, failOn, note -> err.println("edgeaudit: " + note), bar);
                }
                analysed[0] = r;
                AuditOutputs.writeData(r, new OutputFolder(folder));
                if (evidence) {
                    EvidenceOutput.write(r.violations(), files, folder.resolve("evidence.pcapng"),
                            output.quiet() ? new PrintWriter(PrintWriter.nullWriter()) : stdout, err);
                }
                return new ScheduledRun.Outcome(ReportModels.from(r, HtmlReportWriter.TOOL, Instant.now()), r.exitCode());
            });
        } catch (HistoryException e) {
            err.println("edgeaudit: " + e.getMessage());
            return ExitCodes.INPUT_ERROR;
        } catch (IOException e) {
            err.println("edgeaudit: " + e.getMessage());
            return ExitCodes.INPUT_ERROR;
        }
        if (result instanceof ScheduledRun.NothingNew n) {
            if (!output.quiet()) {
                stdout.println("edgeaudit report: no new capture file in " + input
                        + n.lastRun().map(r -> " since run " + r.runId()).orElse("") + "; nothing written");
            }
            stdout.flush();
            return ExitCodes.OK;
        }
        ScheduledRun.Done done = (ScheduledRun.Done) result;
        AuditResult r = analysed[0];
        if (!output.quiet()) {
            ConsoleSummary.write(r, stdout);
            printChanges(done, stdout);
        }
        for (var f : r.files()) {
            if (f.partial()) {
                err.println("edgeaudit: " + f.error());
            }
        }
        stdout.flush();
        return done.outcome().exitCode();
    }

    private void printChanges(ScheduledRun.Done done, PrintWriter stdout) {
        RunRecord run = done.run();
        stdout.println("Run " + run.runId() + ": " + run.files() + " new capture file" + (run.files() == 1 ? "" : "s")
                + ", " + run.findings() + " finding" + (run.findings() == 1 ? "" : "s") + " (" + run.added() + " new, "
                + done.diff().persisting().size() + " persisting, " + run.resolved() + " resolved)");
        if (output.verbosity() > 0) {
            for (StoredFinding f : done.diff().added()) {
                stdout.println("  new       " + f.key().text());
            }
            for (StoredFinding f : done.diff().resolved()) {
                stdout.println("  resolved  " + f.key().text());
            }
        }
        stdout.println("Wrote " + done.folder().resolve("report.html"));
    }
}
