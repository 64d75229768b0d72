package io.edgeaudit.inspect.av;

import io.edgeaudit.flow.Flow;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the A/V inspector found at one capture point. Immutable once built (the lists are
 * unmodifiable; the allocations are no longer written to).
 *
 * @param capturePoint  the vantage point's name ("default" for a single capture set)
 * @param allocations   per (client, server, transport), in order of first appearance
 * @param transactions  every request by transaction id (see {@link io.edgeaudit.inspect.stun.StunMessage#transactionId()})
 * @param flows         the UDP/TCP flows the inspector was offered, for media and VIP checks
 * @param messageCounts decoded messages by "dialect method class", e.g. "rfc5389 Binding request"
 * @param malformed     messages that claimed to be STUN and were malformed
 * @param channelData   TURN ChannelData messages seen
 */
public record AvCapture(String capturePoint, List<Allocation> allocations, Map<String, AvTransaction> transactions,
                        List<Flow> flows, Map<String, Long> messageCounts, long malformed, long channelData) {

    public AvCapture {
        allocations = List.copyOf(allocations);
        transactions = Map.copyOf(transactions);
        flows = List.copyOf(flows);
        messageCounts = Collections.unmodifiableMap(new TreeMap<>(messageCounts));
    }

    /** Total decoded STUN messages. */
    public long messages() {
        return messageCounts.values().stream().mapToLong(Long::longValue).sum();
    }
}
