package io.edgeaudit.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of TCP/UDP ports as a rule states it: {@code any}, a single port {@code 443}, a range
 * {@code 50000-59999}, or a list of those joined by {@code ;} ({@code 50001;50002-50003}). Immutable;
 * {@link #toString()} round-trips through {@link #parse}.
 */
public final class PortSet {
    public static final PortSet ANY = new PortSet(List.of());

    /** Inclusive ranges; empty means any. */
    private final List<int[]> ranges;

    private PortSet(List<int[]> ranges) {
        this.ranges = ranges;
    }

    /** @throws IllegalArgumentException with "what (expected: ...)" */
    public static PortSet parse(String text) {
        String t = text.trim();
        if (t.equals("any") || t.equals("*")) {
            return ANY;
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
        return new PortSet(List.copyOf(out));
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

    @Override
    public boolean equals(Object o) {
        return o instanceof PortSet p && p.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
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
}
