package io.edgeaudit.verdict;

/**
 * A TURN allocation as the A/V checks judged it, for the writers. Addresses are "ip:port" text, ""
 * when unknown. Immutable.
 *
 * @param flowUid the flow that carried the Allocate transaction
 * @param node    the Edge node that served it, or ""
 * @param realm          REALM, "" when none; this and the next three come from packets (bounded, see
 *                       {@code Allocation.MAX_TEXT}) and must be escaped by every writer
 * @param username       USERNAME of the client's requests, ""
 * @param clientSoftware SOFTWARE of the client's requests, ""
 * @param serverSoftware SOFTWARE of the server's responses, ""
 * @param verdict "ok" or the stable name of the violation kind it broke
 * @param detail  one plain sentence
 */
public record AvAllocation(String flowUid, String transport, String client, String server, String relayed,
                           String mapped, String node, String realm, String username,
                           String clientSoftware, String serverSoftware, String verdict, String detail) {
}
