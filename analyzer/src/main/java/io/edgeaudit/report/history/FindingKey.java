package io.edgeaudit.report.history;

import io.edgeaudit.verdict.Violation;

import java.util.Objects;

/**
 * The identity of a finding across scheduled runs: the same misconfiguration seen tonight and
 * yesterday night has the same key, although its flows have other source ports and uids.
 *
 * <p>Key = kind + rule id + endpoints, where endpoints is {@code "proto orig:port -> resp:port"}
 * with ephemeral ports replaced by {@code *}:
 * <ul>
 *   <li>originator port: kept when below 1024 or one of the model's service ports
 *       ({@link #SERVICE_PORTS}), otherwise {@code *} (clients pick their source port);</li>
 *   <li>responder port: kept, except in the dynamic range 49152-65535 of RFC 6335 section 6 (relay
 *       and media ports such as the A/V range 50,000-59,999, which change with every allocation),
 *       where it becomes {@code *} unless it is a service port (50001-50003, the CLS agent).</li>
 * </ul>
 * Addresses are kept: a different client or node is a different finding. Immutable.
 */
public record FindingKey(String kind, String ruleId, String endpoints) {
    /** Ports of the Lync 2013 Edge model above 1023 that a server listens on. */
    static final int[] SERVICE_PORTS = {3478, 4443, 5061, 5062, 5269, 8057, 23456, 50001, 50002, 50003};
    private static final int DYNAMIC_FIRST = 49152;

    public FindingKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(endpoints, "endpoints");
    }

    /** The key of a violation. */
    public static FindingKey of(Violation v) {
        String orig = endpoint(v.origAddr(), normaliseOrig(v.origPort()));
        String resp = endpoint(v.respAddr(), normaliseResp(v.respPort()));
        return new FindingKey(v.kind().name(), v.ruleId(), v.transport() + " " + orig + " -> " + resp);
    }

    /** One text for the database's primary key: the fields joined by '|'. */
    public String text() {
        return kind + "|" + ruleId + "|" + endpoints;
    }

    static String normaliseOrig(int port) {
        return port < 1024 || isService(port) ? Integer.toString(port) : "*";
    }

    static String normaliseResp(int port) {
        return port < DYNAMIC_FIRST || isService(port) ? Integer.toString(port) : "*";
    }

    private static boolean isService(int port) {
        for (int p : SERVICE_PORTS) {
            if (p == port) {
                return true;
            }
        }
        return false;
    }

    private static String endpoint(String addr, String port) {
        return addr.indexOf(':') >= 0 ? "[" + addr + "]:" + port : addr + ":" + port;
    }
}
