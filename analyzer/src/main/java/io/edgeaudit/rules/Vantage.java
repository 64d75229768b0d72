package io.edgeaudit.rules;

/**
 * Where a capture sat relative to the load balancer, which decides how VIP rows read. At a node's own
 * interface the load balancer has already translated the VIP to the node, so a VIP row applies to
 * that node's matching address; outside the load balancer (or when unknown) the VIP itself must
 * appear. Immutable.
 *
 * @param node  the node whose interface was captured, or null
 * @param known false when no capture point said where the capture was taken
 */
public record Vantage(String node, boolean known) {
    public static final Vantage HLB = new Vantage(null, true);
    public static final Vantage UNKNOWN = new Vantage(null, false);

    public static Vantage atNode(String node) {
        return new Vantage(node, true);
    }

    public boolean atNode() {
        return node != null;
    }

    /** "node:node1", "hlb" or "unknown". */
    public String label() {
        return node != null ? "node:" + node : known ? "hlb" : "unknown";
    }
}
