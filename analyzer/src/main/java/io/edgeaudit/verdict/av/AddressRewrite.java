package io.edgeaudit.verdict.av;

import io.edgeaudit.flow.PacketRef;
import io.edgeaudit.inspect.stun.TransportAddress;

/**
 * One STUN request seen at two capture points with different source addresses: the load balancer
 * rewrote the client's address (SNAT) between them. Definitive evidence, because the transaction id is
 * the same message. Immutable.
 *
 * @param transactionId the request's transaction id (hex)
 * @param fromPoint     the capture point nearer the client (the load balancer's outside)
 * @param before        the source there
 * @param toPoint       the capture point nearer the server (a node's external interface)
 * @param toNode        the node that capture point watches, or the capture point name
 * @param after         the source there
 */
public record AddressRewrite(String transactionId, String fromPoint, TransportAddress before, PacketRef beforeRef,
                             String toPoint, String toNode, TransportAddress after, PacketRef afterRef) {

    /** "client 203.0.113.10:50123 at the load balancer (lb) became 198.51.100.2:40001 at node1". */
    public String sentence() {
        return "client " + before + " at the load balancer (" + fromPoint + ") became " + after + " at " + toNode;
    }
}
