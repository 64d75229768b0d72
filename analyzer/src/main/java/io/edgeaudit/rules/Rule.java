package io.edgeaudit.rules;

import io.edgeaudit.topology.Iface;
import io.edgeaudit.topology.Topology;

import java.util.List;

/**
 * One row of a rule pack: one row of a firewall table. Ports follow the responder: {@code dstPorts}
 * is the port of the side that answers, {@code srcPorts} the originator's (any, except rows such as
 * the A/V Edge's outbound 50,000-59,999, whose range is the source port). Immutable.
 *
 * @param id         stable id, e.g. "EV-04"
 * @param table      table id, e.g. "external-vip"
 * @param tableTitle the table's English caption, or ""
 * @param row        1-based row in the table
 * @param transport  IP protocol number: 6 TCP, 17 UDP
 * @param iface      the Edge interface the row is on
 * @param target     "node" (the row names a node's own address) or "vip" (the row names a VIP)
 * @param conditions topology flags that must all be on; empty for none
 * @param line       the line of the pack file it was read from
 */
public record Rule(String id, String table, String tableTitle, int row, String role, String protocol, int transport, PortSet srcPorts,
                   PortSet dstPorts, Selector source, Selector destination, Iface iface, String target, Nat nat,
                   List<String> conditions, String service, String sourceText, String destinationText, String note,
                   String serviceZh, String noteZh, int line) {

    public Rule {
        conditions = List.copyOf(conditions);
    }

    /** "external-vip#4": the table and row the rule comes from. */
    public String ref() {
        return table + "#" + row;
    }

    public String transportName() {
        return transport == 6 ? "tcp" : transport == 17 ? "udp" : Integer.toString(transport);
    }

    /** True when every condition flag is on in {@code t}. */
    public boolean conditionMet(Topology t) {
        for (String c : conditions) {
            if (!t.flag(c)) {
                return false;
            }
        }
        return true;
    }

    /** The flags that are off in {@code t}. */
    public List<String> conditionsOff(Topology t) {
        return conditions.stream().filter(c -> !t.flag(c)).toList();
    }

    /** True when the source side is the Edge (the Edge opens the connection). */
    public boolean edgeIsSource() {
        return source.isEdge();
    }

    /** "tcp 5061 from any to vip.access": the row in a few words. */
    public String summary() {
        String ports = srcPorts.isAny() ? transportName() + " " + dstPorts
                : transportName() + " " + srcPorts + " -> " + dstPorts;
        return ports + " from " + source + " to " + destination;
    }
}
