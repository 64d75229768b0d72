package io.edgeaudit.verdict;

/**
 * A TURN allocation as the A/V checks judged it, for the writers. Addresses are "ip:port" text, ""
 * when unknown. Immutable.
 *
 * @param flowUid the flow that carried the Allocate transaction
 * @param node    the Edge node that served it, or ""
 * @param verdict "ok" or the stable name of the violation kind it broke
 * @param detail  one plain sentence
 */
public record AvAllocation(String flowUid, String transport, String client, String server, String relayed,
                           String mapped, String node, String verdict, String detail) {
}
