package io.edgeaudit.rules;

/**
 * Whether the load balancer may apply SNAT to a rule's traffic ([HLB-PS] requirements 1 and 2): the
 * Access and Web Conferencing VIPs may be SNATed, the A/V Edge never. Closed set.
 */
public enum Nat {
    SNAT_ALLOWED("snat-allowed"), NO_SNAT("no-snat");

    private final String label;

    Nat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** @throws IllegalArgumentException for anything but snat-allowed or no-snat */
    public static Nat parse(String text) {
        for (Nat n : values()) {
            if (n.label.equals(text.trim())) {
                return n;
            }
        }
        throw new IllegalArgumentException("'" + text + "' (expected: snat-allowed or no-snat)");
    }
}
