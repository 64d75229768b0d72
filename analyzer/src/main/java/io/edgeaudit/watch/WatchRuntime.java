package io.edgeaudit.watch;

import io.edgeaudit.capture.CaptureFile;
import io.edgeaudit.capture.live.EvidenceRing;
import io.edgeaudit.capture.live.LiveCaptureException;
import io.edgeaudit.capture.live.LiveLibrary;
import io.edgeaudit.capture.live.LiveSource;
import io.edgeaudit.capture.live.LiveStats;
import io.edgeaudit.decode.Anomalies;
import io.edgeaudit.flow.Flow;
import io.edgeaudit.flow.FlowConfig;
import io.edgeaudit.flow.FlowTable;
import io.edgeaudit.inspect.tls.ServerNameObserver;
import io.edgeaudit.pipeline.FrameDecoder;
import io.edgeaudit.pipeline.Inputs;
import io.edgeaudit.pipeline.Pipeline;
import io.edgeaudit.pipeline.RunSummary;
import io.edgeaudit.rules.RulePack;
import io.edgeaudit.topology.CapturePoint;
import io.edgeaudit.topology.Topology;
import io.edgeaudit.topology.TopologyCheck;
import io.edgeaudit.topology.TopologyFinding;
import io.edgeaudit.report.OutputFolder;
import io.edgeaudit.verdict.AnomalyCount;
import io.edgeaudit.verdict.AuditResult;
import io.edgeaudit.verdict.Auditor;
import io.edgeaudit.verdict.CapturePoints;
import io.edgeaudit.verdict.Classification;
import io.edgeaudit.verdict.FlowClassifier;
import io.edgeaudit.verdict.InputFile;
import io.edgeaudit.verdict.Violation;
import io.edgeaudit.verdict.av.AvAudit;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code watch}: live frames through the same pipeline, flow table, classifier and auditor as
 * {@code analyze}, with findings printed as they are made and reports rewritten every window.
 *
 * <p><b>Threads.</b> libpcap's callback runs on the capture thread inside {@link LiveSource}; everything
 * else (decode, flows, classification, reports) runs on the thread that calls {@link #run()}, which
 * also handles the ticks between frames. {@link #stop()} is the only method for other threads.
 *
 * <p><b>When a flow is judged, and reported once.</b> A flow is judged when it ends (inactivity
 * timeout or TCP close, by capture time, as in {@code analyze}), and once while it lives, at the
 * first window boundary it has been live for a whole window, so a long call shows up while it runs
 * (a flow younger than a window is judged at its end, which its timeout brings within a window or so). A finding is printed and journaled the
 * first time its (flow uid, kind, rule) appears ({@link OnceOnly}). A flow judged while live is judged
 * with what it has shown so far (its TCP state is final only at its end), so its line may carry a
 * different severity than the final report; the report itself holds only ended flows and is, at the
 * end of the run, what {@code analyze} makes of the evidence ring.
 *
 * <p><b>A/V.</b> STUN/TURN is followed in the same pass as in analyze ({@link AvAudit}); its checks need
 * whole allocations, so they run once at the end of the run and their findings are printed then.
 *
 * <p><b>Memory.</b> The report lists every ended flow, as analyze's does, so the auditor holds one
 * verdict per flow. To stay bounded on a busy perimeter, once it holds {@link #MAX_REPORT_FLOWS} the
 * report is written and a new report period begins (summary.json {@code report_since}); short runs,
 * such as a call being troubleshot, are one period and equal analyze on the evidence ring.
 *
 * <p><b>Outputs</b> in {@code --out}: violations.jsonl (appended, one line per new finding),
 * summary.json (rewritten atomically every window: totals, per-window libpcap counters, evidence
 * files) and the report files of {@link ReportOutput}.
 */
public final class WatchRuntime {
    /** How the report files of a result are written (the same writers as analyze). */
    @FunctionalInterface
    public interface ReportOutput {
        /** Writes the report files of {@code result} into {@code dir}, each atomically. */
        void write(AuditResult result, Path dir) throws IOException;
    }

    static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Ended flows one report period holds (about 1 KB each) before a new period starts. */
    static final int MAX_REPORT_FLOWS = 200_000;
    /** Windows kept in summary.json: a week of 5-minute windows. */
    static final int MAX_WINDOWS = 2016;

    private final WatchConfig config;
    private final PrintWriter out;
    private final PrintWriter err;
    private final ReportOutput reportOutput;
    private final OnceOnly once = new OnceOnly();
    private final Deque<WindowReport> windows = new ArrayDeque<>();
    private volatile LiveSource source;
    private volatile boolean stopRequested;

    private final Topology topology;
    private final List<TopologyFinding> topologyFindings;
    private final RulePack pack;
    private final CapturePoints points;
    private final FlowConfig flowConfig;
    private Auditor auditor;
    private AvAudit av;
    private long reportFlows;
    private long reportSince;
    private int reportPeriod = 1;
    private FlowClassifier classifier;
    private LiveFlows liveFlows;
    private Anomalies anomalies;
    private TeeSource tee;
    private ViolationJournal journal;
    private SummaryFile summary;
    private LiveStats windowStartStats = LiveStats.ZERO;
    private long windowStart;
    private long windowEnd;
    private long windowFlows;
    private long windowViolations;
    private long flowsEnded;
    private long violationsReported;
    private String runError;
    private long lastWindowMillis;

    /**
     * @param topology     the loaded topology (its capture points name interfaces)
     * @param pack         the rule pack
     * @param flowConfig   flow table settings, the same as analyze uses for this pack
     * @param reportOutput writers of the report files, or null for summary.json and violations.jsonl only
     */
    public WatchRuntime(WatchConfig config, Topology topology, RulePack pack, FlowConfig flowConfig,
                        PrintWriter out, PrintWriter err, ReportOutput reportOutput) {
        this.config = config;
        this.topology = topology;
        this.pack = pack;
        this.flowConfig = flowConfig;
        this.topologyFindings = TopologyCheck.check(topology);
        this.points = new CapturePoints(topology, Map.of());
        this.out = out;
        this.err = err;
        this.reportOutput = reportOutput;
    }

    /**
     * Captures until {@link #stop()} or a capture failure, then writes the final reports.
     *
     * @return the exit code analyze would give for the same findings (0, 1, 2), or 2 when capture
     *         could not start
     */
    public int run() {
        auditor = new Auditor(topology, pack, points);
        classifier = new FlowClassifier(topology, pack, points);
        LiveSource live;
        try {
            live = LiveSource.open(config.live());
        } catch (LiveCaptureException e) {
            err.println("edgeaudit watch: " + e.getMessage());
            return 2;
        }
        source = live;
        if (stopRequested) {
            live.stop();
        }
        try {
            return capture(live);
        } catch (IOException e) {
            err.println("edgeaudit watch: " + e.getMessage());
            return 2;
        } finally {
            try {
                if (tee != null) {
                    tee.close();
                } else {
                    live.close();
                }
                if (journal != null) {
                    journal.close();
                }
            } catch (IOException e) {
                err.println("edgeaudit watch: closing: " + e.getMessage());
            }
            err.flush();
            out.flush();
        }
    }

    private int capture(LiveSource live) throws IOException {
        Files.createDirectories(config.out());
        long start = LiveSource.wallClockNanos();
        EvidenceRing ring = config.pcapDir() == null ? null
                : new EvidenceRing(config.pcapDir(), config.live().interfaceName(), config.rotateBytes(), config.keep(),
                live.linkType(), config.live().snaplen(), Instant.ofEpochSecond(0, start));
        tee = new TeeSource(live, ring, this::warn);
        journal = new ViolationJournal(config.out().resolve("violations.jsonl"));
        summary = new SummaryFile(new OutputFolder(config.out()), "summary.json");
        liveFlows = new LiveFlows();
        FrameDecoder decoder = Inputs.decoder();
        anomalies = decoder.anomalies();
        // A/V checks as analyze runs them: STUN/TURN followed in the same pass; an input without a
        // --capture-point is "capture" there, and so is the live interface here
        av = topology.flag("av") ? new AvAudit(topology, i -> "capture", anomalies) : null;
        ServerNameObserver sni = new ServerNameObserver(); // before liveFlows: the name is on the flow it shows
        FlowTable table = new FlowTable(flowConfig, this::flowEnded,
                av == null ? List.of(sni, liveFlows) : List.of(sni, liveFlows, av.observer()));
        Pipeline pipeline = new Pipeline(decoder, table);
        windowStart = start;
        windowEnd = start + config.window().toNanos();
        reportSince = start;
        live.ticker(this::tick, TICK_NANOS);
        CapturePoint cp = topology.capturePoints().get(config.live().interfaceName());
        err.println("watch: capturing on " + config.live().interfaceName() + " (" + LiveLibrary.check()
                + ", linktype " + live.linkType() + ", snaplen " + config.live().snaplen()
                + (config.live().filter() == null ? "" : ", filter '" + config.live().filter() + "'")
                + (cp == null ? ", no capture point in the topology" : ", capture point " + cp) + ")"
                + "; window " + config.window().toSeconds() + " s; reports in " + config.out()
                + (ring == null ? "" : "; evidence in " + ring.directory()));
        err.flush();

        RunSummary run = pipeline.run(tee, null);
        runError = run.error();
        if (runError != null) {
            err.println("edgeaudit watch: " + runError);
        }
        tee.flush();
        AuditResult result = closeWindow(LiveSource.wallClockNanos(), true, run);
        double cpu = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(-1.0);
        err.println("watch: stopped; " + flowsEnded + " flows, " + violationsReported + " violations reported"
                + (tee.ring() == null ? "" : "; evidence " + tee.ring().files())
                + String.format(java.util.Locale.ROOT, "; cpu %.2f s", cpu));
        return runError != null ? 2 : result.exitCode();
    }

    /** Asks the run to stop: capture ends, queued frames are analysed, reports are written. Any thread. */
    public void stop() {
        stopRequested = true;
        LiveSource s = source;
        if (s != null) {
            s.stop();
        }
    }

    /** A flow ended in the flow table: the auditor keeps it for the report; new findings go out now. */
    private void flowEnded(Flow flow) {
        Classification judged = auditor.judge(flow);
        if (++reportFlows >= MAX_REPORT_FLOWS) {
            newReportPeriod();
        }
        for (Violation v : judged.violations()) {
            if (once.newAtEnd(v)) {
                report(v);
            }
        }
        once.ended(flow.uid());
        flowsEnded++;
        windowFlows++;
    }

    private void report(Violation v) {
        EvidenceRing ring = tee.ring();
        out.println(ViolationLine.format(v, ring));
        out.flush();
        try {
            journal.append(v, config.live().sourceName(), LiveSource.wallClockNanos(), ring);
        } catch (IOException e) {
            warn("cannot append to " + journal.file() + ": " + e.getMessage());
        }
        violationsReported++;
        windowViolations++;
    }

    /** Writes the report of the period that is full and starts the next with an empty auditor. */
    private void newReportPeriod() {
        long now = LiveSource.wallClockNanos();
        warn("report period " + reportPeriod + " holds " + reportFlows + " flows: writing it and starting period "
                + (reportPeriod + 1) + " (the report files then cover flows ended from now on)");
        closeWindow(now, false, null);
        auditor = new Auditor(topology, pack, points);
        reportFlows = 0;
        reportSince = now;
        reportPeriod++;
    }

    /** Between frames, about once a second, on the pipeline thread. */
    private void tick(long now) {
        tee.flush();
        if (now - windowEnd >= 0) {
            long t0 = System.nanoTime();
            // the long-lived flows, live for a whole window: judged now with what they showed so
            // far, once; younger ones are judged at their end (timeouts are shorter than a window)
            for (Flow f : liveFlows.takeStartedBefore(windowStart)) {
                for (Violation v : classifier.classify(f).violations()) {
                    if (once.newWhileLive(v)) {
                        report(v);
                    }
                }
            }
            closeWindow(now, false, null);
            lastWindowMillis = (System.nanoTime() - t0) / 1_000_000;
        }
    }

    /** Ends the current window: counters, summary.json and report files; starts the next one. */
    private AuditResult closeWindow(long now, boolean last, RunSummary run) {
        LiveStats stats;
        try {
            stats = source.stats();
        } catch (LiveCaptureException e) {
            warn(e.getMessage());
            stats = windowStartStats;
        }
        WindowReport w = new WindowReport(windows.isEmpty() ? 1 : windows.peekLast().index() + 1, windowStart, now,
                stats.minus(windowStartStats), windowFlows, windowViolations, last);
        windows.addLast(w);
        while (windows.size() > MAX_WINDOWS) {
            windows.removeFirst();
        }
        AuditResult result = result(run);
        if (last && av != null) {
            // the A/V checks need whole allocations: they run once, over the whole run, as in analyze
            AuditResult withAv = av.addTo(result);
            java.util.Set<Violation> before = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            before.addAll(result.violations());
            for (Violation v : withAv.violations()) {
                if (!before.contains(v) && once.newAtEnd(v)) {
                    report(v);
                    w = new WindowReport(w.index(), w.startNanos(), w.endNanos(), w.capture(), w.flowsEnded(),
                            w.newViolations() + 1, true);
                }
            }
            windows.removeLast();
            windows.addLast(w);
            result = withAv;
        }
        try {
            summary.write(config, w, stats, windows, result, tee.ring(), reportPeriod, reportSince);
            if (reportOutput != null) {
                reportOutput.write(result, config.out());
            }
        } catch (IOException e) {
            warn("cannot write reports to " + config.out() + ": " + e.getMessage());
        }
        err.println("watch: window " + w.index() + (last ? " (final)" : "") + ": " + w.capture()
                + "; flows ended " + w.flowsEnded() + ", new violations " + w.newViolations()
                + "; previous window's report took " + lastWindowMillis + " ms"
                + (w.incomplete() ? "; INCOMPLETE: frames were dropped" : ""));
        err.flush();
        windowStartStats = stats;
        windowStart = now;
        windowEnd = now + config.window().toNanos();
        windowFlows = 0;
        windowViolations = 0;
        return result;
    }

    private AuditResult result(RunSummary run) {
        List<CaptureFile> files = tee.files();
        CaptureFile f = files.get(0);
        // a live input has no file hash; its capture point comes from the topology by interface name,
        // as analyze finds it for the evidence files by their if_name
        List<InputFile> inputs = List.of(new InputFile(0, f.name(), f.format(), "", f.packets(),
                "", runError == null ? "" : runError));
        List<AnomalyCount> counts = new ArrayList<>();
        for (Anomalies.Entry e : anomalies.entries()) {
            counts.add(new AnomalyCount(e.name(), e.count(), e.first() == null ? ""
                    : e.first().file() + "#" + e.first().packetNumber() + " @" + e.first().byteOffset()));
        }
        long packets = run == null ? f.packets() : run.packets();
        long bytes = run == null ? f.bytes() : run.bytes();
        return auditor.result(inputs, packets, bytes, counts, runError == null ? "" : runError, topologyFindings,
                config.failOn());
    }

    private void warn(String line) {
        err.println("edgeaudit watch: " + line);
        err.flush();
    }
}
