package io.edgeaudit.verdict;

import io.edgeaudit.flow.Flow;
import io.edgeaudit.topology.CapturePoint;
import io.edgeaudit.topology.Topology;

import java.util.Map;

/**
 * Says where a flow was captured: the capture point given for its input file
 * ({@code --capture-point NAME=FILE}), else the one the topology maps its capture interface name to,
 * else none. Immutable.
 *
 * @param byFileIndex input index (0-based, command-line order) → capture point
 */
public record CapturePoints(Topology topology, Map<Integer, CapturePoint> byFileIndex) {

    public CapturePoints {
        byFileIndex = Map.copyOf(byFileIndex);
    }

    /** The capture point of {@code flow}, or null when nothing says where it was taken. */
    public CapturePoint of(Flow flow) {
        if (!flow.firstPackets().isEmpty()) {
            CapturePoint p = byFileIndex.get(flow.firstPackets().get(0).fileIndex());
            if (p != null) {
                return p;
            }
        }
        String name = flow.interfaceName();
        return name == null ? null : topology.capturePoints().get(name);
    }
}
