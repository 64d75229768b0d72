package io.edgeaudit.verdict.av;

/**
 * The HLB requirements of the seed page ([HLB-PS], NOTES.md §1e) that the A/V checks enforce, with the
 * ids of rules/lync2013-edge-hlb-requirements.csv. Closed set.
 */
public enum HlbRequirement {
    /** SNAT cannot be configured on the A/V Edge; respond with the real server address; VIP->VIP, Edge->Edge. */
    HLB_2("HLB-2", "SNAT cannot be configured on the A/V Edge service; it must respond with the real server "
            + "address, not the HLB VIP (a request to the VIP is answered from the VIP, a request to the Edge from the Edge)"),
    /** Public IPs on each server interface and on the VIPs. */
    HLB_3("HLB-3", "public IP addresses are used on each server interface and on the HLB VIPs"),
    /** The VIP must not change the source IP of A/V traffic. */
    HLB_5("HLB-5", "for A/V the VIP must not change the source IP address, and the real server address is "
            + "returned to the client directly; you cannot configure NAT on the HLB for A/V traffic"),
    /** The external firewall keeps the real server public IP. */
    HLB_6("HLB-6", "for A/V the external firewall retains the real server public IP for all packets"),
    /** After establishment, clients talk to the real server. */
    HLB_7("HLB-7", "once established, client to A/V Edge communication goes to the real server, not the HLB"),
    /** JJ656815: the external A/V interface uses public addresses with no NAT or port translation. */
    HLB_C7("HLB-C7", "the external A/V interface uses publicly routable IP addresses with no NAT or port translation");

    private final String id;
    private final String text;

    HlbRequirement(String id, String text) {
        this.id = id;
        this.text = text;
    }

    /** The id in the requirements CSV, e.g. "HLB-2". */
    public String id() {
        return id;
    }

    public String text() {
        return text;
    }

    /** Where the requirement comes from, as the requirements CSV's source column names it. */
    public String source() {
        return id.startsWith("HLB-C") ? "Hardware load balancer requirements (JJ656815)"
                : "[HLB-PS] requirement " + id.substring(4);
    }
}
