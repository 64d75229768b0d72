package io.edgeaudit.cli;

import io.edgeaudit.capture.CaptureFile;
import io.edgeaudit.capture.CaptureSource;
import io.edgeaudit.decode.Anomalies;
import io.edgeaudit.flow.FlowConfig;
import io.edgeaudit.flow.FlowTable;
import io.edgeaudit.inspect.tls.ServerNameObserver;
import io.edgeaudit.flow.VantageResolver;
import io.edgeaudit.pipeline.FrameDecoder;
import io.edgeaudit.pipeline.Inputs;
import io.edgeaudit.pipeline.Pipeline;
import io.edgeaudit.pipeline.ProgressListener;
import io.edgeaudit.pipeline.RunSummary;
import io.edgeaudit.rules.PortSet;
import io.edgeaudit.rules.Rule;
import io.edgeaudit.rules.RulePack;
import io.edgeaudit.rules.RulePackException;
import io.edgeaudit.rules.RulePackLoader;
import io.edgeaudit.topology.CapturePoint;
import io.edgeaudit.topology.Topology;
import io.edgeaudit.topology.TopologyCheck;
import io.edgeaudit.topology.TopologyException;
import io.edgeaudit.topology.TopologyLoader;
import io.edgeaudit.verdict.AnomalyCount;
import io.edgeaudit.verdict.AuditResult;
import io.edgeaudit.verdict.Auditor;
import io.edgeaudit.verdict.CapturePoints;
import io.edgeaudit.verdict.InputFile;
import io.edgeaudit.verdict.Severity;
import io.edgeaudit.verdict.av.AvAudit;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One {@code analyze} run, wired: captures through the pipeline (capture → decode → flow) into an
 * {@link Auditor}, then the {@link AuditResult}. The command only parses options and prints.
 */
public final class Analysis {
    private Analysis() {
    }

    /** What a run audits against: the topology and the rule pack chosen for it. */
    record Model(Topology topology, RulePack rules) {
    }

    /**
     * Loads the topology and its run's rule pack ({@link RulePackLoader#forRun}), as {@code analyze}
     * and {@code report} both do; on an error prints its one line to {@code err} and returns null.
     */
    static Model loadModel(Path topology, String pack, PrintWriter err) {
        try {
            Topology t = TopologyLoader.load(topology);
            return new Model(t, RulePackLoader.forRun(pack, t.pack(), topology));
        } catch (TopologyException | RulePackException e) {
            err.println("edgeaudit: " + e.getMessage());
            return null;
        }
    }

    /**
     * @param captures      capture files and folders, in the order given
     * @param capturePoints capture file or folder → where it was taken ({@code --capture-point})
     * @param notes         receives one line per skipped folder entry
     * @throws IOException when a folder cannot be listed
     */
    public static AuditResult run(Topology topology, RulePack pack, List<Path> captures,
                                  Map<Path, CapturePoint> capturePoints, Severity failOn, Consumer<String> notes)
            throws IOException {
        return run(topology, pack, captures, capturePoints, failOn, notes, null);
    }

    /** The same, telling {@code progress} how far the run is (a terminal's progress bar), or null. */
    public static AuditResult run(Topology topology, RulePack pack, List<Path> captures,
                                  Map<Path, CapturePoint> capturePoints, Severity failOn, Consumer<String> notes,
                                  ProgressListener progress) throws IOException {
        try (CaptureSource source = Inputs.open(captures, false, notes)) {
            Map<Integer, CapturePoint> byIndex = new HashMap<>();
            Map<Integer, String> pointName = new HashMap<>();
            for (CaptureFile f : source.files()) {
                CapturePoint cp = pointOf(Path.of(f.name()), capturePoints);
                if (cp != null) {
                    byIndex.put(f.index(), cp);
                    pointName.put(f.index(), cp.name());
                }
            }
            Auditor auditor = new Auditor(topology, pack, new CapturePoints(topology, byIndex));
            Vantages vantages = new Vantages(pointName, topology);
            FrameDecoder decoder = Inputs.decoder();
            // A/V checks (issue 4): STUN/TURN decoded in the same pass, per capture point (= vantage)
            AvAudit av = topology.flag("av") ? new AvAudit(topology, vantages::name, decoder.anomalies()) : null;
            RulePack relay = pack.withRelayPorts(topology.relayPortLow(), topology.relayPortHigh());
            // TLS server names first, so they are on the flow before the auditor judges it at its end
            ServerNameObserver sni = new ServerNameObserver();
            FlowTable table = new FlowTable(config(relay), auditor, av == null ? List.of(sni) : List.of(sni, av.observer()),
                    vantages);
            RunSummary run = new Pipeline(decoder, table).run(source, progress);
            List<InputFile> files = new ArrayList<>();
            long bytes = run.bytes();
            for (RunSummary.FileSummary f : run.files()) {
                files.add(new InputFile(f.index(), f.name(), f.format(), f.sha256() == null ? "" : f.sha256(),
                        f.packets(), pointName.getOrDefault(f.index(), ""), f.error() == null ? "" : f.error(),
                        anomalyCounts(f.anomalies())));
            }
            List<AnomalyCount> anomalies = anomalyCounts(run.anomalies());
            AuditResult result = auditor.result(files, run.packets(), bytes, anomalies,
                    run.error() == null ? "" : run.error(), TopologyCheck.check(topology), failOn);
            return av == null ? result : av.addTo(result);
        }
    }

    /**
     * One vantage id per capture point name, so that one conversation seen at two capture points is two
     * flows. A frame's capture point is its file's ({@code --capture-point}), else the one the topology maps
     * its pcapng interface name to (the order {@link CapturePoints#of} follows); frames of neither share
     * vantage 0, so rotated files of one unnamed capture still make one flow.
     */
    static final class Vantages implements VantageResolver {
        /** Name of vantage 0. */
        static final String UNNAMED = "capture";
        private final Map<Integer, String> pointOfFile;
        private final Topology topology;
        private final Map<String, Integer> ids = new HashMap<>();
        private final List<String> names = new ArrayList<>(List.of(UNNAMED));

        Vantages(Map<Integer, String> pointOfFile, Topology topology) {
            this.pointOfFile = pointOfFile;
            this.topology = topology;
        }

        @Override
        public int vantage(int fileIndex, int interfaceIndex, String interfaceName) {
            String point = pointOfFile.get(fileIndex);
            if (point == null && interfaceName != null && topology.capturePoints().containsKey(interfaceName)) {
                point = interfaceName;
            }
            if (point == null) {
                return 0;
            }
            return ids.computeIfAbsent(point, p -> {
                names.add(p);
                return names.size() - 1;
            });
        }

        /** The capture point name of a vantage id ({@link #UNNAMED} for 0). */
        String name(int vantage) {
            return vantage >= 0 && vantage < names.size() ? names.get(vantage) : UNNAMED;
        }
    }

    private static List<AnomalyCount> anomalyCounts(List<Anomalies.Entry> entries) {
        List<AnomalyCount> out = new ArrayList<>();
        for (Anomalies.Entry e : entries) {
            out.add(new AnomalyCount(e.name(), e.count(), e.first() == null ? ""
                    : e.first().file() + "#" + e.first().packetNumber() + " @" + e.first().byteOffset()));
        }
        return out;
    }

    /** The capture point given for {@code file} or for a folder holding it, or null. */
    static CapturePoint pointOf(Path file, Map<Path, CapturePoint> points) {
        Path abs = file.toAbsolutePath().normalize();
        for (Map.Entry<Path, CapturePoint> e : points.entrySet()) {
            Path p = e.getKey().toAbsolutePath().normalize();
            if (abs.equals(p) || abs.startsWith(p)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** Flow table settings whose server ports include every port the pack's rows answer on. */
    static FlowConfig config(RulePack pack) {
        BitSet tcp = new BitSet(65536);
        BitSet udp = new BitSet(65536);
        for (Rule r : pack.rules()) {
            PortSet ports = r.dstPorts();
            if (ports.isAny()) {
                continue;
            }
            // the 50,000-59,999 relay range is media, not a service: leave it to the handshake to decide
            for (int[] range : ports.ranges()) {
                if (range[1] - range[0] < 100) {
                    (r.transport() == 6 ? tcp : udp).set(range[0], range[1] + 1);
                }
            }
        }
        return FlowConfig.defaults().withServerPorts(tcp, udp);
    }
}
