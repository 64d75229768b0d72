package io.edgeaudit.verdict.av;

import io.edgeaudit.inspect.av.AvCapture;
import io.edgeaudit.inspect.av.AvTransaction;

import java.util.ArrayList;
import java.util.List;

/**
 * Matches the same STUN requests across capture points by transaction id. A request seen at the load
 * balancer's outside and again at a node's external interface with another source address was rewritten
 * (SNAT) in between. Each capture point keeps its own timeline; only transaction ids join them.
 */
final class CrossCapture {
    private CrossCapture() {
    }

    /**
     * @return one rewrite per transaction seen at an outside capture point (not a node's) and at a node's
     *         capture point with a different source address, in the outside capture's order
     */
    static List<AddressRewrite> rewrites(AvTopology topo, List<AvCapture> captures) {
        List<AddressRewrite> out = new ArrayList<>();
        if (captures.size() < 2) {
            return out;
        }
        for (AvCapture outside : captures) {
            if (topo.capturePointNodes().containsKey(outside.capturePoint())) {
                continue;
            }
            for (AvCapture inside : captures) {
                if (inside == outside || !topo.capturePointNodes().containsKey(inside.capturePoint())) {
                    continue;
                }
                String node = topo.capturePointNodes().get(inside.capturePoint());
                outside.transactions().values().stream()
                        .sorted(java.util.Comparator.comparingLong(t -> t.requestRef().timestampNanos()))
                        .forEach(t -> {
                            AvTransaction there = inside.transactions().get(t.transactionId());
                            if (there != null && !there.requestSrc().equals(t.requestSrc())) {
                                out.add(new AddressRewrite(t.transactionId(), outside.capturePoint(), t.requestSrc(),
                                        t.requestRef(), inside.capturePoint(), node, there.requestSrc(), there.requestRef()));
                            }
                        });
            }
        }
        return out;
    }
}
