package io.edgeaudit.verdict;

import java.util.Locale;

/** How much a finding matters; ordered, so {@code --fail-on} compares. Closed set. */
public enum Severity {
    INFO, WARNING, ERROR;

    /** Lower-case name used in every output. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for anything but info, warning or error (any case) */
    public static Severity parse(String text) {
        for (Severity s : values()) {
            if (s.name().equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + text + "' (expected: info, warning, error)");
    }

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
