package io.edgeaudit.report.history;

import io.edgeaudit.report.html.HtmlReportWriter;
import io.edgeaudit.report.html.ReportModel;
import io.edgeaudit.report.html.ReportModel.FindingLine;
import io.edgeaudit.report.html.ReportModel.HistoryView;
import io.edgeaudit.report.html.ReportModel.TrendPoint;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One scheduled compliance run: pick the capture files that arrived since the last run, analyse
 * them, write a dated report folder, and record the run in the history.
 *
 * <p>Order, chosen so that an interruption at any point leaves the history as it was or complete:
 * <ol>
 *   <li>take the {@link RunLock} (a second run waits, then sees this run's files as analysed);</li>
 *   <li>finish or remove folders of interrupted runs ({@code .partial-ID}, see below);</li>
 *   <li>select new files; none: return {@link NothingNew} and change nothing (re-running the same
 *       period is therefore idempotent);</li>
 *   <li>analyse into {@code OUT/.partial-ID/} and write report.html and changes.json with the comparison;</li>
 *   <li>commit run, files and findings in one SQLite transaction;</li>
 *   <li>rename {@code .partial-ID} to {@code ID}.</li>
 * </ol>
 * A run killed before step 5 leaves no history row: its partial folder is deleted by the next run,
 * which analyses the same files again. Killed between 5 and 6, the next run finds the committed id and
 * completes the rename.
 */
public final class ScheduledRun {
    /** Prefix of a run folder not yet committed. */
    static final String PARTIAL = ".partial-";
    private static final DateTimeFormatter RUN_ID =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** Analyses the chosen files and writes report.json and the CSVs into {@code folder}. */
    @FunctionalInterface
    public interface Analysis {
        Outcome analyse(List<Path> files, Path folder) throws IOException;
    }

    /** What the analysis found: the page's model (with its violations) and the exit code. */
    public record Outcome(ReportModel model, int exitCode) {
    }

    /** The result of {@link #run}. */
    public sealed interface Result permits NothingNew, Done {
    }

    /** No capture file arrived since the last run; nothing was written. */
    public record NothingNew(Optional<RunRecord> lastRun) implements Result {
    }

    /** A run was analysed, written to {@code folder} and committed. */
    public record Done(RunRecord run, Path folder, HistoryDiff diff, Outcome outcome) implements Result {
    }

    private final Path inputDir;
    private final Path outDir;
    private final Path database;
    private final Duration since;
    private final Duration settle;
    private final long lockWaitMillis;

    /**
     * @param since    only files modified within this long before the start; null for all unanalysed files
     * @param settle   files modified more recently than this are left for the next run
     */
    public ScheduledRun(Path inputDir, Path outDir, Path database, Duration since, Duration settle,
                        long lockWaitMillis) {
        this.inputDir = inputDir;
        this.outDir = outDir;
        this.database = database;
        this.since = since;
        this.settle = settle;
        this.lockWaitMillis = lockWaitMillis;
    }

    /**
     * Runs once, as described in the class comment.
     *
     * @throws HistoryException when the history cannot be locked, read or written (nothing committed)
     * @throws IOException      when the inputs cannot be listed or the folder cannot be written
     */
    public Result run(Instant start, Analysis analysis) throws IOException {
        Files.createDirectories(outDir);
        try (RunLock lock = RunLock.acquire(database, lockWaitMillis);
             HistoryStore store = HistoryStore.open(database)) {
            recoverPartialFolders(store);
            List<CaptureInputs.Candidate> chosen = CaptureInputs.select(inputDir, start, since, settle,
                    store.analysedFiles());
            Optional<RunRecord> previous = store.lastRun();
            if (chosen.isEmpty()) {
                return new NothingNew(previous);
            }
            String runId = uniqueRunId(start, store);
            Path partial = outDir.resolve(PARTIAL + runId);
            deleteTree(partial);
            Files.createDirectories(partial);
            Outcome outcome = analysis.analyse(chosen.stream().map(CaptureInputs.Candidate::path).toList(), partial);
            List<StoredFinding> before = previous.map(r -> store.findings(r.runId())).orElse(List.of());
            HistoryDiff diff = HistoryDiff.compare(before, HistoryDiff.count(outcome.model().violations()), runId);
            RunRecord run = new RunRecord(runId, start, chosen.size(), diff.current().size(), diff.added().size(),
                    diff.resolved().size(), outcome.exitCode());
            List<RunRecord> trend = new ArrayList<>(store.runs());
            trend.add(run);
            HtmlReportWriter.write(outcome.model().withHistory(view(run, previous, diff, trend)),
                    partial.resolve("report.html"));
            ChangesJson.write(partial.resolve("changes.json"), run, previous.map(RunRecord::runId).orElse(""), diff, trend);
            store.commit(run, chosen.stream().map(CaptureInputs.Candidate::stamp).toList(), diff.current());
            Path folder = outDir.resolve(runId);
            move(partial, folder);
            return new Done(run, folder, diff, outcome);
        }
    }

    static HistoryView view(RunRecord run, Optional<RunRecord> previous, HistoryDiff diff, List<RunRecord> trend) {
        return new HistoryView(run.runId(), previous.map(RunRecord::runId).orElse(""), lines(diff.added()),
                lines(diff.persisting()), lines(diff.resolved()),
                trend.stream().map(r -> new TrendPoint(r.runId(), r.startedAt(), r.findings(), r.added(), r.resolved()))
                        .toList());
    }

    private static List<FindingLine> lines(List<StoredFinding> findings) {
        return findings.stream().map(f -> new FindingLine(f.key().kind(), f.key().ruleId(), f.key().endpoints(),
                f.firstSeen(), f.count())).toList();
    }

    private String uniqueRunId(Instant start, HistoryStore store) {
        String base = RUN_ID.format(start);
        List<String> taken = store.runs().stream().map(RunRecord::runId).toList();
        String id = base;
        for (int n = 2; taken.contains(id) || Files.exists(outDir.resolve(id)); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    private void recoverPartialFolders(HistoryStore store) throws IOException {
        List<String> committed = store.runs().stream().map(RunRecord::runId).toList();
        List<Path> partials;
        try (Stream<Path> s = Files.list(outDir)) {
            partials = s.filter(p -> p.getFileName().toString().startsWith(PARTIAL) && Files.isDirectory(p)).toList();
        }
        for (Path p : partials) {
            String id = p.getFileName().toString().substring(PARTIAL.length());
            if (committed.contains(id) && !Files.exists(outDir.resolve(id))) {
                move(p, outDir.resolve(id));
            } else {
                deleteTree(p);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
