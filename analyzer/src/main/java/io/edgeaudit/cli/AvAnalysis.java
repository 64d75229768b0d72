package io.edgeaudit.cli;

import io.edgeaudit.capture.CaptureFile;
import io.edgeaudit.capture.CaptureSource;
import io.edgeaudit.decode.Anomalies;
import io.edgeaudit.flow.FlowConfig;
import io.edgeaudit.flow.FlowTable;
import io.edgeaudit.inspect.av.AvCapture;
import io.edgeaudit.inspect.av.AvInspector;
import io.edgeaudit.pipeline.FrameDecoder;
import io.edgeaudit.pipeline.Inputs;
import io.edgeaudit.pipeline.Pipeline;
import io.edgeaudit.pipeline.RunSummary;
import io.edgeaudit.verdict.av.AvChecks;
import io.edgeaudit.verdict.av.AvTopology;
import io.edgeaudit.verdict.av.AvVerdicts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the A/V analysis: one pipeline (decoder, flow table with the {@link AvInspector}) per capture point,
 * so vantage points never share a timeline, then the A/V checks over all of them. Flow uids run on
 * across the capture points (F1.. at the first, on from there at the next), so a finding's flow uid
 * names one flow. {@code analyze} can instead add an {@link AvInspector} to its own flow table and
 * call {@link AvChecks#check} itself.
 */
public final class AvAnalysis {
    private AvAnalysis() {
    }

    /** The files of one vantage point, merged in timestamp order. */
    public record CapturePointInput(String name, List<Path> files) {
        public CapturePointInput {
            files = List.copyOf(files);
        }
    }

    /**
     * @param errors one line per file that could not be read completely ("FILE: packet N at byte offset X: why")
     */
    public record Result(AvVerdicts verdicts, List<Anomalies.Entry> anomalies, List<String> errors, long packets) {
    }

    public static Result run(AvTopology topo, List<CapturePointInput> inputs, AvInspector.Options options) {
        List<AvCapture> captures = new ArrayList<>();
        List<Anomalies.Entry> anomalies = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        long packets = 0;
        long flows = 0;
        for (CapturePointInput in : inputs) {
            FrameDecoder decoder = Inputs.decoder();
            AvInspector inspector = new AvInspector(in.name(), decoder.anomalies(), options);
            FlowTable table = new FlowTable(FlowConfig.defaults(), flow -> {
            }, List.of(inspector));
            table.numberUidsAfter(flows);
            Pipeline pipeline = new Pipeline(decoder, table);
            try (CaptureSource source = Inputs.open(in.files(), false)) {
                RunSummary summary = pipeline.run(source, null);
                packets += summary.packets();
                for (CaptureFile f : source.files()) {
                    if (f.error() != null) {
                        errors.add(f.error().getMessage());
                    }
                }
                if (summary.error() != null) {
                    errors.add(summary.error());
                }
            } catch (IOException e) {
                errors.add(in.name() + ": " + e.getMessage());
            }
            flows += table.flowsCreated();
            captures.add(inspector.finish());
            anomalies.addAll(decoder.anomalies().entries());
        }
        return new Result(AvChecks.check(topo, captures), anomalies, errors, packets);
    }
}
