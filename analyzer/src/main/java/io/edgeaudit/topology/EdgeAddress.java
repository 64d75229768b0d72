package io.edgeaudit.topology;

import io.edgeaudit.net.IpAddress;

/**
 * An address the topology gives to the Edge: a node's service address or a load balancer VIP. Immutable.
 *
 * @param node the node's name, or null for a VIP
 */
public record EdgeAddress(IpAddress address, Service service, String node) {

    public boolean vip() {
        return node == null;
    }

    public Iface iface() {
        return service.iface();
    }

    /** "node1 access", "VIP av", ... for explanations. */
    public String describe() {
        return (node == null ? "VIP" : node) + " " + service.label() + " (" + address + ")";
    }

    /** The selector name of this address's role: "edge.access", "vip.internal", ... */
    public String selector() {
        return (node == null ? "vip." : "edge.") + service.label();
    }
}
