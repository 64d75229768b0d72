package io.edgeaudit.cli;

import io.edgeaudit.capture.CaptureSource;
import io.edgeaudit.pipeline.FrameDecoder;
import io.edgeaudit.pipeline.Inputs;
import io.edgeaudit.report.evidence.EvidenceWriter;
import io.edgeaudit.verdict.Violation;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code --evidence} for the commands that analyse files ({@code analyze}, {@code report}): reads the
 * same inputs a second time, in the same order, and writes the violating flows' packets to a pcapng
 * whose packet comments name the violations. Inputs must be opened exactly as the analysis opened them,
 * so file names in the evidence match.
 */
public final class EvidenceOutput {
    private EvidenceOutput() {
    }

    /**
     * Writes {@code target} and prints one line about it (and one per flow whose packets were not found).
     *
     * @param inputs the capture files and folders exactly as given to the analysis
     * @throws IOException when the target cannot be written or an input cannot be listed
     */
    public static EvidenceWriter.Result write(List<Violation> violations, List<Path> inputs, Path target,
                                              PrintWriter out, PrintWriter err) throws IOException {
        FrameDecoder decoder = Inputs.decoder();
        EvidenceWriter.Result r;
        try (CaptureSource source = Inputs.open(inputs, false)) {
            r = EvidenceWriter.write(violations, source, decoder::decode, target);
        }
        out.println("Wrote " + r.packets() + " packets of " + r.flows() + " violating flows to " + target
                + (r.packetsLeftOut() > 0 ? " (" + r.packetsLeftOut() + " packets beyond the per-flow cap left out)" : "")
                + (r.flowsLeftOut() > 0 ? " (" + r.flowsLeftOut() + " flows beyond the cap left out)" : ""));
        if (!r.flowsNotFound().isEmpty()) {
            err.println("edgeaudit: evidence: no packets found again for flows " + abbreviate(r.flowsNotFound())
                    + " (did the inputs change since the analysis?)");
        }
        return r;
    }

    private static String abbreviate(List<String> uids) {
        return uids.size() <= 10 ? String.join(", ", uids)
                : String.join(", ", uids.subList(0, 10)) + " and " + (uids.size() - 10) + " more";
    }
}
