package io.edgeaudit.topology;

/** The Edge services an address carries; {@link #label()} is the topology key. Closed set. */
public enum Service {
    ACCESS("access", Iface.EXTERNAL),
    WEBCONF("webconf", Iface.EXTERNAL),
    AV("av", Iface.EXTERNAL),
    INTERNAL("internal", Iface.INTERNAL);

    private final String label;
    private final Iface iface;

    Service(String label, Iface iface) {
        this.label = label;
        this.iface = iface;
    }

    public String label() {
        return label;
    }

    /** The interface an address of this service sits on. */
    public Iface iface() {
        return iface;
    }
}
