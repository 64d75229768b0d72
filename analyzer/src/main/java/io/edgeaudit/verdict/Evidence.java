package io.edgeaudit.verdict;

import io.edgeaudit.flow.Flow;
import io.edgeaudit.flow.PacketRef;

import java.util.List;

/**
 * The packets behind a finding: where to find them and how many there were. Immutable.
 *
 * @param files        the input files the packets came from, by name
 * @param firstPackets the first packet references (file and packet number), capture order
 * @param tsFirst      nanoseconds since the epoch
 * @param tsLast       nanoseconds since the epoch
 */
public record Evidence(List<String> files, List<PacketRef> firstPackets, long tsFirst, long tsLast,
                       long packets, long bytes) {

    public Evidence {
        files = List.copyOf(files);
        firstPackets = List.copyOf(firstPackets);
    }

    /** The evidence of a whole flow. */
    public static Evidence of(Flow flow) {
        List<String> files = flow.firstPackets().stream().map(PacketRef::file).distinct().toList();
        return new Evidence(files, flow.firstPackets(), flow.tsFirst(), flow.tsLast(), flow.packets(),
                flow.frameBytes());
    }
}
