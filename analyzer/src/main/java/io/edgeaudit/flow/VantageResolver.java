package io.edgeaudit.flow;

/**
 * Says from which vantage point (capture point) a frame was seen, as a small id that is part of the
 * flow key: the same 5-tuple seen at the load balancer and at a node is two flows, never one with
 * double-counted packets. The {@link FlowTable} asks once per (input file, capture interface) and
 * caches the answer, so an implementation may look names up in maps.
 */
@FunctionalInterface
public interface VantageResolver {
    /** Everything is one vantage (Zeek's and tshark's view: the {@code flows} command). */
    VantageResolver SINGLE = (fileIndex, interfaceIndex, interfaceName) -> 0;

    /**
     * @param fileIndex      input index (0-based, command-line order), or -1 without a file (live)
     * @param interfaceIndex pcapng interface id within its section, or -1 when the format has none
     * @param interfaceName  pcapng if_name (or if_description), or null
     * @return the vantage id, 0 or more and at most {@link FlowTable#MAX_VANTAGE}; equal ids are one vantage
     */
    int vantage(int fileIndex, int interfaceIndex, String interfaceName);
}
