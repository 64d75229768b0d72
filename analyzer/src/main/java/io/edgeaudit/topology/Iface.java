package io.edgeaudit.topology;

/** Which side of the Edge a flow was seen on. Closed set; {@link #label()} is the text in every output. */
public enum Iface {
    EXTERNAL("external"), INTERNAL("internal"), UNKNOWN("unknown");

    private final String label;

    Iface(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** @throws IllegalArgumentException for anything but "external" or "internal" */
    public static Iface parse(String text) {
        return switch (text.trim()) {
            case "external" -> EXTERNAL;
            case "internal" -> INTERNAL;
            default -> throw new IllegalArgumentException("'" + text + "' (expected: external or internal)");
        };
    }

    public Iface other() {
        return this == EXTERNAL ? INTERNAL : this == INTERNAL ? EXTERNAL : UNKNOWN;
    }
}
