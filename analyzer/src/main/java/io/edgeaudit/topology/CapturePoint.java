package io.edgeaudit.topology;

/**
 * Where a capture was taken: at a node's interface, or at the load balancer's outside (external) or
 * inside (internal) where the VIPs are seen. Immutable.
 *
 * @param name  the capture interface name (pcapng if_name) or the name given with {@code --capture-point}
 * @param node  the node's name, or null for a load balancer vantage
 * @param iface the side of the Edge
 */
public record CapturePoint(String name, String node, Iface iface) {

    public boolean atNode() {
        return node != null;
    }

    /** "node:node1" or "hlb": the vantage as outputs name it. */
    public String vantage() {
        return node == null ? "hlb" : "node:" + node;
    }

    @Override
    public String toString() {
        return name + " (" + (node == null ? "hlb " : node + " ") + iface.label() + ")";
    }
}
