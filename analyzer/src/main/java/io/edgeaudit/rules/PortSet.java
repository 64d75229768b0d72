package io.edgeaudit.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of TCP/UDP ports as a rule states it: {@code any}, a single port {@code 443}, a range
 * {@code 50000-59999}, a list of those joined by {@code ;} ({@code 50001;50002-50003}), or
 * {@code relay}: the A/V Edge's media relay range, which the topology sets ({@code av.relay_ports},
 * 50000-59999 by default) and {@link #withRelay} fills in. Immutable; {@link #toString()} round-trips
 * through {@link #parse}.
 */
public final class PortSet {
    public static final PortSet ANY = new PortSet(List.of(), false);
    /** The relay range before a topology gives it: 50000-59999, the seed's "50,000-59,999". */
    public static final PortSet RELAY = new PortSet(List.of(new int[] {50000, 59999}), true);

    /** Inclusive ranges; empty means any. */
    private final List<int[]> ranges;
    private final boolean relay;

    private PortSet(List<int[]> ranges, boolean relay) {
        this.ranges = ranges;
        this.relay = relay;
    }

    /** True for {@code relay}. */
    public boolean isRelay() {
        return relay;
    }

    /** This set, or for {@code relay} the topology's range {@code low-high} (inclusive). */
    public PortSet withRelay(int low, int high) {
        return relay ? new PortSet(List.of(new int[] {low, high}), true) : this;
    }

    /** @throws IllegalArgumentException with "what (expected: ...)" */
    public static PortSet parse(String text) {
        String t = text.trim();
        if (t.equals("any") || t.equals("*")) {
            return ANY;
        }
        if (t.equals("relay")) {
            return RELAY;
        }
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty port (expected: any, 443, 50000-59999 or 50001;50002)");
        }
        List<int[]> out = new ArrayList<>();
        for (String part : t.split(";", -1)) {
            String p = part.trim().replace(",", "");
            int dash = p.indexOf('-');
            int lo = port(dash < 0 ? p : p.substring(0, dash), text);
            int hi = dash < 0 ? lo : port(p.substring(dash + 1), text);
            if (lo > hi) {
                throw new IllegalArgumentException("range " + p + " runs backwards (expected: LOW-HIGH)");
            }
            out.add(new int[] {lo, hi});
        }
        return new PortSet(List.copyOf(out), false);
    }

    private static int port(String s, String whole) {
        try {
            int v = Integer.parseInt(s.trim());
            if (v < 0 || v > 65535) {
                throw new IllegalArgumentException("port " + v + " in '" + whole + "' (expected: 0-65535)");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + whole + "' is not a port (expected: any, 443, 50000-59999 or 50001;50002)");
        }
    }

    public boolean isAny() {
        return ranges.isEmpty();
    }

    public boolean contains(int port) {
        if (ranges.isEmpty()) {
            return true;
        }
        for (int[] r : ranges) {
            if (port >= r[0] && port <= r[1]) {
                return true;
            }
        }
        return false;
    }

    /** Every port in the set, for ports a flow table should treat as servers; empty for any. */
    public List<int[]> ranges() {
        return ranges.stream().map(int[]::clone).toList();
    }

    /** The ports as numbers, also for {@code relay} ("50000-59999"): for explanations. */
    public String describe() {
        if (ranges.isEmpty()) {
            return "any";
        }
        StringBuilder b = new StringBuilder();
        for (int[] r : ranges) {
            if (b.length() > 0) {
                b.append(';');
            }
            b.append(r[0]);
            if (r[1] != r[0]) {
                b.append('-').append(r[1]);
            }
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PortSet p && p.relay == relay && p.describe().equals(describe());
    }

    @Override
    public int hashCode() {
        return describe().hashCode();
    }

    /** "relay" for the relay range (whatever range it was given), else the ports. */
    @Override
    public String toString() {
        return relay ? "relay" : describe();
    }
}
