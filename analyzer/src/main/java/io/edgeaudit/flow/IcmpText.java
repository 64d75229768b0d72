package io.edgeaudit.flow;

import io.edgeaudit.decode.Packet;

/** Plain-language names for the ICMP errors that refuse a flow (RFC 792, RFC 1812, RFC 4443). */
final class IcmpText {
    private IcmpText() {
    }

    /** e.g. "icmp 3/3 port unreachable", "icmp6 1/4 port unreachable", "icmp 11/0 time exceeded". */
    static String describe(int transport, int type, int code) {
        boolean v6 = transport == Packet.ICMPV6;
        String name = v6 ? icmp6(type, code) : icmp4(type, code);
        return (v6 ? "icmp6 " : "icmp ") + type + "/" + code + (name.isEmpty() ? "" : " " + name);
    }

    private static String icmp4(int type, int code) {
        return switch (type) {
            case 3 -> switch (code) {
                case 0 -> "net unreachable";
                case 1 -> "host unreachable";
                case 2 -> "protocol unreachable";
                case 3 -> "port unreachable";
                case 4 -> "fragmentation needed";
                case 9, 10, 13 -> "administratively prohibited";
                default -> "destination unreachable";
            };
            case 4 -> "source quench";
            case 5 -> "redirect";
            case 11 -> "time exceeded";
            case 12 -> "parameter problem";
            default -> "";
        };
    }

    private static String icmp6(int type, int code) {
        return switch (type) {
            case 1 -> switch (code) {
                case 0 -> "no route";
                case 1 -> "administratively prohibited";
                case 3 -> "address unreachable";
                case 4 -> "port unreachable";
                case 5, 6 -> "rejected by policy";
                default -> "destination unreachable";
            };
            case 2 -> "packet too big";
            case 3 -> "time exceeded";
            case 4 -> "parameter problem";
            default -> "";
        };
    }
}
