package io.edgeaudit.verdict;

/**
 * What a capture showed for one rule of the pack: the flows it allowed and their packets and bytes.
 * A rule with zero flows was never seen (its ports may be open for nothing). Immutable.
 *
 * @param ruleId      the pack id, e.g. "EV-04"
 * @param table       the seed table id, e.g. "external-vip"
 * @param tableTitle  the table's English caption, or ""
 * @param row         1-based row in that table
 * @param service     the table's first column as printed, e.g. "Access/SIP(MTLS)/TCP/5061"
 * @param source      the source column (English), as printed
 * @param destination the destination column (English), as printed
 * @param note        the notes column (English)
 * @param enabled     false when the topology switches the rule's condition off
 * @param bytes       frame bytes, both directions
 */
public record RuleCoverage(String ruleId, String table, String tableTitle, int row, String service, String source, String destination,
                           String note, boolean enabled, long flows, long packets, long bytes) {

    public boolean seen() {
        return flows > 0;
    }
}
