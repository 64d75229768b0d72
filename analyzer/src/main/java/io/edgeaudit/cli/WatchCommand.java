package io.edgeaudit.cli;

import io.edgeaudit.capture.live.LiveOptions;
import io.edgeaudit.report.OutputFolder;
import io.edgeaudit.report.html.HtmlReportWriter;
import io.edgeaudit.rules.RulePack;
import io.edgeaudit.rules.RulePackException;
import io.edgeaudit.rules.RulePackLoader;
import io.edgeaudit.topology.Topology;
import io.edgeaudit.topology.TopologyCheck;
import io.edgeaudit.topology.TopologyException;
import io.edgeaudit.topology.TopologyFinding;
import io.edgeaudit.topology.TopologyLoader;
import io.edgeaudit.verdict.AuditResult;
import io.edgeaudit.verdict.Severity;
import io.edgeaudit.watch.WatchConfig;
import io.edgeaudit.watch.WatchRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code edgeaudit watch}: live capture judged as it happens; logic in {@link WatchRuntime}. */
@Command(name = "watch",
        mixinStandardHelpOptions = true,
        description = {"Capture live on an interface (libpcap) and judge every flow as analyze does: each new "
                + "violation is printed at once and appended to OUT/violations.jsonl; every window OUT/summary.json "
                + "and analyze's report files (" + AuditOutputs.DATA_FILES + ", report.html) are rewritten. SIGINT/SIGTERM stop capture, write the final report and exit "
                + "with analyze's codes.",
                "Needs root, or: setcap cap_net_raw,cap_net_admin=eip $(readlink -f $(which java))"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:compliant (nothing at or above --fail-on)", "1:violations at or above --fail-on",
                "2:cannot capture (permission, libpcap, filter, interface) or capture failed; usage error",
                "3:internal error"})
public final class WatchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--interface"}, required = true, paramLabel = "IF",
            description = "interface to capture on (see 'edgeaudit interfaces')")
    String iface;

    @Option(names = {"-t", "--topology"}, required = true, paramLabel = "FILE", description = "the topology (YAML)")
    Path topology;

    @Option(names = {"-f", "--filter"}, paramLabel = "BPF", description = "capture filter, pcap-filter(7) syntax")
    String filter;

    @Option(names = "--snaplen", defaultValue = "262144", paramLabel = "N",
            description = "bytes kept per frame (default ${DEFAULT-VALUE})")
    int snaplen;

    @Option(names = "--window", defaultValue = "5m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "how often summary and reports are rewritten (default ${DEFAULT-VALUE})")
    Duration window;

    @Option(names = {"-o", "--out"}, defaultValue = "reports/watch", paramLabel = "DIR",
            description = "folder of violations.jsonl, summary.json and the reports (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--write-pcap", paramLabel = "DIR", description = "also write every frame to rotating pcapng files here")
    Path pcapDir;

    @Option(names = "--rotate-size", defaultValue = "100MB", converter = SizeConverter.class, paramLabel = "SIZE",
            description = "start a new evidence file at this size (default ${DEFAULT-VALUE})")
    long rotateSize;

    @Option(names = "--keep", defaultValue = "10", paramLabel = "N",
            description = "evidence files kept, newest first (default ${DEFAULT-VALUE})")
    int keep;

    @Option(names = "--buffer", defaultValue = "64MiB", converter = SizeConverter.class, paramLabel = "SIZE",
            description = "libpcap kernel buffer (default ${DEFAULT-VALUE})")
    long buffer;

    @Option(names = "--immediate", description = "libpcap immediate mode: lowest latency, but on Linux a kernel "
            + "buffer of fixed snaplen-sized slots that drops under bursts (default: frames within 100 ms)")
    boolean immediate;

    @Option(names = "--no-promisc", description = "do not put the interface in promiscuous mode")
    boolean noPromisc;

    @Option(names = "--fail-on", defaultValue = "warning", paramLabel = "SEVERITY",
            description = "lowest severity that makes the exit code 1: info, warning, error (default ${DEFAULT-VALUE})")
    String failOn;

    @Override
    public Integer call() {
        WatchConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("edgeaudit watch: " + e.getMessage());
            return ExitCodes.INPUT_ERROR;
        }
        PrintWriter err = spec.commandLine().getErr();
        Topology t;
        RulePack rules;
        try {
            t = TopologyLoader.load(topology);
            rules = RulePackLoader.find(t.pack(), topology);
        } catch (TopologyException | RulePackException e) {
            err.println("edgeaudit watch: " + e.getMessage());
            return ExitCodes.INPUT_ERROR;
        }
        for (TopologyFinding f : TopologyCheck.check(t)) {
            err.println("edgeaudit watch: topology: " + f.format(topology.toString()));
        }
        // the same flow settings and report files as analyze, so the final report of a run equals
        // analyze's report of its evidence files
        WatchRuntime runtime = new WatchRuntime(config, t, rules, Analysis.config(rules), spec.commandLine().getOut(),
                err, WatchCommand::writeReport);
        AtomicInteger code = new AtomicInteger(ExitCodes.INTERNAL_ERROR);
        CountDownLatch done = new CountDownLatch(1);
        // SIGINT/SIGTERM start the JVM's shutdown: stop capture, let run() write the final report,
        // then end with its exit code instead of the signal's 130/143
        Thread onSignal = new Thread(() -> {
            runtime.stop();
            try {
                done.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(code.get());
        }, "edgeaudit-watch-stop");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            code.set(runtime.run());
        } finally {
            done.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(onSignal);
        } catch (IllegalStateException shuttingDown) {
            // a signal is being handled: the hook ends the process with this run's code
        }
        return code.get();
    }

    /** analyze's report files and report.html, each written atomically (a temporary file, then a rename). */
    static void writeReport(AuditResult result, Path dir) throws IOException {
        OutputFolder folder = new OutputFolder(dir);
        AuditOutputs.writeData(result, folder);
        folder.write("report.html", w -> HtmlReportWriter.render(result, w));
    }

    /** @throws IllegalArgumentException with a one-line reason for a bad combination of options */
    private WatchConfig config() {
        LiveOptions live = LiveOptions.defaults(iface).withSnaplen(snaplen).withFilter(filter)
                .withPromiscuous(!noPromisc).withImmediate(immediate).withBufferBytes((int) Math.min(Integer.MAX_VALUE, buffer));
        if (keep < 1) {
            throw new IllegalArgumentException("--keep " + keep + " (expected: at least 1)");
        }
        if (rotateSize < 1_000_000) {
            throw new IllegalArgumentException("--rotate-size " + rotateSize + " bytes (expected: at least 1MB)");
        }
        return new WatchConfig(live, topology, window, out, pcapDir, rotateSize, keep, Severity.parse(failOn));
    }
}
