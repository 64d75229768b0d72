package io.edgeaudit.decode;

/**
 * The anomalies edgeaudit counts, in the manner of Zeek's weird.log: data about the capture, not
 * errors. The names are stable and appear in every output.
 */
public enum Weird {
    TRUNCATED_BY_SNAPLEN("truncated_by_snaplen", "the snaplen cut the frame; the part captured was analysed"),
    TRUNCATED_LINK_HEADER("truncated_link_header", "the frame ends inside its link-layer header"),
    UNKNOWN_LINK_TYPE("unknown_link_type", "no decoder for this link type"),
    UNKNOWN_ETHERTYPE("unknown_ethertype", "a type field (1501-1535) that is neither an 802.3 length nor an EtherType"),
    TOO_MANY_VLAN_TAGS("too_many_vlan_tags", "more than two stacked VLAN tags"),
    TRUNCATED_IP_HEADER("truncated_ip_header", "the frame ends inside the IP header"),
    BAD_IP_VERSION("bad_ip_version", "the IP version nibble does not match the link layer"),
    BAD_IP_HEADER_LENGTH("bad_ip_header_length", "the IPv4 IHL is below 5 or past the captured bytes"),
    BAD_IP_TOTAL_LENGTH("bad_ip_total_length", "the IP total/payload length disagrees with the frame"),
    IPV6_EXTENSION_CHAIN_TOO_LONG("ipv6_extension_chain_too_long", "more IPv6 extension headers than the cap"),
    TRUNCATED_IPV6_EXTENSION("truncated_ipv6_extension", "the frame ends inside an IPv6 extension header"),
    FRAGMENT_WITHOUT_FIRST("fragment_without_first", "fragments whose first fragment never arrived"),
    TRUNCATED_TCP_HEADER("truncated_tcp_header", "the frame ends inside the TCP header"),
    BAD_TCP_HEADER_LENGTH("bad_tcp_header_length", "the TCP data offset is below 5 or past the segment"),
    TRUNCATED_UDP_HEADER("truncated_udp_header", "the frame ends inside the UDP header"),
    BAD_UDP_LENGTH("bad_udp_length", "the UDP length is below 8 or past the IP payload"),
    TRUNCATED_ICMP("truncated_icmp", "the frame ends inside the ICMP header"),
    NON_IP("non_ip", "a frame with no IP packet (ARP, LLDP, ...)"),
    STUN_MALFORMED("stun_malformed", "a STUN/TURN message whose lengths cannot be trusted"),
    STREAM_BUFFER_OVERFLOW("stream_buffer_overflow", "TCP reassembly for an inspected flow exceeded its bound"),
    STREAM_GAP("stream_gap", "bytes missing in a TCP stream an inspector reassembles; its framing restarted");

    private final String label;
    private final String description;

    Weird(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** The stable snake_case name. */
    public String label() {
        return label;
    }

    public String description() {
        return description;
    }
}
