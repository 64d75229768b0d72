package io.edgeaudit.verdict;

import io.edgeaudit.flow.Flow;

/**
 * One finding, with its evidence: what broke which rule, on which flow, and why. Writers only format
 * it. Immutable.
 *
 * @param flowUid     the flow's uid in this run (its row in flows.csv)
 * @param iface       "external", "internal" or "unknown": the Edge interface the flow was seen on
 * @param ruleId      the nearest rule (or requirement) id, or "" when none is near
 * @param ruleRef     table and row of the seed the rule comes from, e.g. "external-vip#4", or ""
 * @param why         why the nearest rule did not match, e.g. "destination is node1 access, rule names vip.access"
 * @param explanation one plain sentence for the report that cites the table row or requirement
 */
public record Violation(ViolationKind kind, Severity severity, String flowUid, String transport,
                        String origAddr, int origPort, String respAddr, int respPort, String iface,
                        String ruleId, String ruleRef, String why, Evidence evidence, String explanation) {

    /**
     * A violation on a whole flow, with the flow's addresses and evidence; the explanation ends with
     * "(TLS server name: NAME)" when the flow's ClientHello named a server (packet data, escaped by writers).
     */
    public static Violation onFlow(ViolationKind kind, Severity severity, Flow flow, String iface, String ruleId,
                                   String ruleRef, String why, String explanation) {
        return new Violation(kind, severity, flow.uid(), flow.transportName(), flow.origAddr().toString(),
                flow.origPort(), flow.respAddr().toString(), flow.respPort(), iface, ruleId, ruleRef, why,
                Evidence.of(flow), flow.serverName() == null ? explanation
                        : explanation + " (TLS server name: " + flow.serverName() + ")");
    }
}
