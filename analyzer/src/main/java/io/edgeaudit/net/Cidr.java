package io.edgeaudit.net;

/**
 * An address block, {@code 198.18.0.0/15} or {@code 2001:db8::/32}; a bare address is a /32 or /128.
 * Immutable; host bits of the network are cleared on parse, so {@code 10.1.2.3/8} equals {@code 10.0.0.0/8}.
 */
public final class Cidr {
    private final IpAddress network;
    private final int prefix;
    private final byte[] net;

    private Cidr(IpAddress network, int prefix) {
        this.prefix = prefix;
        byte[] b = network.toBytes();
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - 8 * i));
            b[i] &= (byte) (0xff << (8 - keep));
        }
        this.net = b;
        this.network = IpAddress.copyOf(b, 0, b.length);
    }

    /** @throws IllegalArgumentException when the text is not an address or address/prefix */
    public static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        IpAddress a = IpAddress.parse(slash < 0 ? t : t.substring(0, slash));
        int max = a.length() * 8;
        int p = max;
        if (slash >= 0) {
            try {
                p = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in '" + text + "'", e);
            }
            if (p < 0 || p > max) {
                throw new IllegalArgumentException("prefix length " + p + " in '" + text + "' (expected: 0.." + max + ")");
            }
        }
        return new Cidr(a, p);
    }

    public static Cidr of(IpAddress address) {
        return new Cidr(address, address.length() * 8);
    }

    public IpAddress network() {
        return network;
    }

    public int prefix() {
        return prefix;
    }

    public boolean contains(IpAddress a) {
        if (a.length() != net.length) {
            return false;
        }
        for (int i = 0; i < net.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - 8 * i));
            if (keep == 0) {
                return true;
            }
            int mask = (0xff << (8 - keep)) & 0xff;
            if ((a.byteAt(i) & mask) != (net[i] & 0xff)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && c.network.equals(network);
    }

    @Override
    public int hashCode() {
        return network.hashCode() * 31 + prefix;
    }

    @Override
    public String toString() {
        return network + "/" + prefix;
    }
}
