package io.edgeaudit.topology;

import io.edgeaudit.net.IpAddress;

/**
 * One Edge server of the pool. Addresses are null when the topology leaves them out (the topology
 * check reports a missing role for an enabled feature). Immutable.
 */
public record EdgeNode(String name, IpAddress access, IpAddress webconf, IpAddress av, IpAddress internal) {

    /** This node's address for {@code s}, or null. */
    public IpAddress address(Service s) {
        return switch (s) {
            case ACCESS -> access;
            case WEBCONF -> webconf;
            case AV -> av;
            case INTERNAL -> internal;
        };
    }
}
