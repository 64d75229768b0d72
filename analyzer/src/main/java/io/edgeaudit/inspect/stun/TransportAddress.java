package io.edgeaudit.inspect.stun;

import io.edgeaudit.net.IpAddress;

import java.util.Objects;

/**
 * An IP address and port as STUN carries them (mapped, relayed, peer addresses) or as a packet shows
 * them. Immutable; {@link #toString()} prints {@code 1.2.3.4:80} or {@code [2001:db8::1]:80}.
 *
 * @param ip   never null
 * @param port 0..65535
 */
public record TransportAddress(IpAddress ip, int port) implements Comparable<TransportAddress> {

    public TransportAddress {
        Objects.requireNonNull(ip, "ip");
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port " + port + " (expected: 0..65535)");
        }
    }

    /** Parses {@code 1.2.3.4:80} or {@code [2001:db8::1]:80} without DNS. */
    public static TransportAddress parse(String text) {
        String t = text.trim();
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || (t.indexOf(':') != colon && !t.startsWith("["))) {
            throw new IllegalArgumentException("'" + text + "' is not ADDRESS:PORT (expected: 1.2.3.4:80 or [2001:db8::1]:80)");
        }
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no numeric port (expected: ADDRESS:PORT)", e);
        }
        return new TransportAddress(IpAddress.parse(t.substring(0, colon)), port);
    }

    @Override
    public String toString() {
        return ip.isIpv4() ? ip + ":" + port : "[" + ip + "]:" + port;
    }

    @Override
    public int compareTo(TransportAddress o) {
        int c = ip.compareTo(o.ip);
        return c != 0 ? c : Integer.compare(port, o.port);
    }
}
