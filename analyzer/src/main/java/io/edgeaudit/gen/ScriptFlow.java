package io.edgeaudit.gen;

import io.edgeaudit.net.IpAddress;

import java.util.Map;

/**
 * One line of a flow script: a flow to synthesise. Immutable.
 *
 * @param line     1-based line in the script, for error messages
 * @param startNs  offset from the script's start, nanoseconds
 * @param proto    "tcp", "udp" or "icmp"
 * @param keys     the line's key=value options, validated by {@link FlowScript}
 */
public record ScriptFlow(int line, long startNs, String proto, IpAddress src, int srcPort, IpAddress dst,
                         int dstPort, Map<String, String> keys) {

    public ScriptFlow {
        keys = Map.copyOf(keys);
    }

    int intKey(String key, int dflt) {
        String v = keys.get(key);
        return v == null ? dflt : Integer.parseInt(v);
    }

    String key(String key, String dflt) {
        return keys.getOrDefault(key, dflt);
    }
}
