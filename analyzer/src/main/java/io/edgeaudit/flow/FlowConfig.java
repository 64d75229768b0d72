package io.edgeaudit.flow;

import java.time.Duration;
import java.util.BitSet;

/**
 * Flow table settings: inactivity timeouts (Zeek-like defaults: TCP 5 min, UDP 1 min, ICMP and other
 * 1 min) and the ports taken as likely servers when no handshake shows who opened a flow.
 * Immutable.
 */
public record FlowConfig(Duration tcpTimeout, Duration udpTimeout, Duration otherTimeout,
                         BitSet tcpServerPorts, BitSet udpServerPorts) {

    public FlowConfig {
        tcpServerPorts = (BitSet) tcpServerPorts.clone();
        udpServerPorts = (BitSet) udpServerPorts.clone();
    }

    /** Default timeouts and the well-known server ports below 1024 plus the usual service ports. */
    public static FlowConfig defaults() {
        return new FlowConfig(Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofMinutes(1),
                WellKnownPorts.tcp(), WellKnownPorts.udp());
    }

    /** A copy whose server ports also include {@code tcp} and {@code udp} (e.g. from a rule pack). */
    public FlowConfig withServerPorts(BitSet tcp, BitSet udp) {
        BitSet t = (BitSet) tcpServerPorts.clone();
        t.or(tcp);
        BitSet u = (BitSet) udpServerPorts.clone();
        u.or(udp);
        return new FlowConfig(tcpTimeout, udpTimeout, otherTimeout, t, u);
    }

    public FlowConfig withTimeouts(Duration tcp, Duration udp, Duration other) {
        return new FlowConfig(tcp, udp, other, tcpServerPorts, udpServerPorts);
    }

    /** Returns a fresh copy; callers may not modify the record's own sets. */
    public BitSet tcpServerPorts() {
        return (BitSet) tcpServerPorts.clone();
    }

    public BitSet udpServerPorts() {
        return (BitSet) udpServerPorts.clone();
    }

    public boolean isTcpServerPort(int port) {
        return tcpServerPorts.get(port);
    }

    public boolean isUdpServerPort(int port) {
        return udpServerPorts.get(port);
    }
}
