package io.edgeaudit.topology;

import io.edgeaudit.net.IpAddress;

/** The load balancer's virtual addresses; null where the topology has none. Immutable. */
public record Vips(IpAddress access, IpAddress webconf, IpAddress av, IpAddress internal) {

    public IpAddress address(Service s) {
        return switch (s) {
            case ACCESS -> access;
            case WEBCONF -> webconf;
            case AV -> av;
            case INTERNAL -> internal;
        };
    }
}
