package io.edgeaudit.report.evidence;

import io.edgeaudit.capture.CaptureException;
import io.edgeaudit.capture.CaptureSource;
import io.edgeaudit.capture.Frame;
import io.edgeaudit.capture.PcapngWriter;
import io.edgeaudit.decode.Packet;
import io.edgeaudit.report.OutputFolder;
import io.edgeaudit.verdict.Violation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes the packets of every violating flow to one pcapng file, each packet commented with the
 * violation(s) of its flow (the first packet of a flow also carries the explanation), to open in
 * Wireshark: {@code tshark -r evidence.pcapng -T fields -e frame.comment}.
 *
 * <p>This is a second pass over the same inputs, selecting packets with {@link EvidenceSelector}
 * (5-tuple and time window). Memory is bounded by the number of violating flows, not by packets.
 * Interfaces are kept apart: one pcapng interface per (link type, capture interface name) seen.
 * The file is written atomically (temporary file, then rename).
 */
public final class EvidenceWriter {
    /** Fills a reused {@link Packet} from a frame: the decode stage (e.g. {@code PacketDecoder::decode}). */
    @FunctionalInterface
    public interface Decoder {
        void decode(Frame frame, Packet packet);
    }

    /**
     * What was written.
     *
     * @param flows           violating flows with at least one packet written
     * @param packets         packets written
     * @param flowsLeftOut    violating flows beyond the cap or without an IP 5-tuple
     * @param packetsLeftOut  packets beyond the per-flow cap
     * @param flowsNotFound   uids of violating flows whose packets the second pass did not find
     *                        (inputs changed since the analysis, or unreadable)
     */
    public record Result(Path file, int flows, long packets, int flowsLeftOut, long packetsLeftOut,
                         List<String> flowsNotFound) {
        public Result {
            flowsNotFound = List.copyOf(flowsNotFound);
        }
    }

    private EvidenceWriter() {
    }

    /**
     * Reads {@code source} to its end and writes the violating flows' packets to {@code target}.
     * A malformed input stops that input only, as in the analysis.
     *
     * @throws IOException when the target cannot be written or the source fails to read
     */
    public static Result write(List<Violation> violations, CaptureSource source, Decoder decoder, Path target)
            throws IOException {
        EvidenceSelector selector = new EvidenceSelector(violations);
        long[] written = new long[1];
        OutputFolder.writeFileBytes(target, out -> {
            PcapngWriter w = new PcapngWriter(out);
            copy(selector, source, decoder, w);
            w.flush();
            written[0] = w.records();
        });
        int flows = 0;
        long leftOut = 0;
        List<String> notFound = new ArrayList<>();
        for (EvidenceSelector.Target t : selector.targets()) {
            if (t.written > 0) {
                flows++;
            } else {
                notFound.add(t.flowUid);
            }
            leftOut += t.skipped;
        }
        return new Result(target, flows, written[0], selector.flowsLeftOut(), leftOut, notFound);
    }

    private static void copy(EvidenceSelector selector, CaptureSource source, Decoder decoder, PcapngWriter w)
            throws IOException {
        List<Integer> linkTypes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Packet packet = new Packet();
        int failuresInARow = 0;
        int inputs = Math.max(1, source.files().size());
        while (true) {
            boolean more;
            try {
                more = source.next();
                failuresInARow = 0;
            } catch (CaptureException e) {
                // the analysis reported this input as partial already; go on with the next one
                if (++failuresInARow > inputs) {
                    break;
                }
                continue;
            }
            if (!more) {
                break;
            }
            Frame f = source.frame();
            decoder.decode(f, packet);
            EvidenceSelector.Target t = selector.select(packet);
            if (t == null) {
                continue;
            }
            if (t.written >= EvidenceSelector.MAX_PACKETS_PER_FLOW) {
                t.skipped++;
                continue;
            }
            int iface = interfaceId(w, linkTypes, names, f);
            w.writePacket(iface, f, t.written == 0 ? t.firstComment : t.comment);
            t.written++;
        }
    }

    /** The pcapng interface for the frame's link type and capture interface, declared on first use. */
    private static int interfaceId(PcapngWriter w, List<Integer> linkTypes, List<String> names, Frame f)
            throws IOException {
        for (int i = 0; i < linkTypes.size(); i++) {
            if (linkTypes.get(i) == f.linkType() && Objects.equals(names.get(i), f.interfaceName())) {
                return i;
            }
        }
        int id = w.addInterface(f.linkType(), 0, f.interfaceName());
        linkTypes.add(f.linkType());
        names.add(f.interfaceName());
        return id;
    }
}
