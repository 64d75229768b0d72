package io.edgeaudit.rules;

import java.util.List;

/**
 * A rule pack: its rules in file order and the load balancer requirements next to it. Immutable.
 *
 * @param name         the pack's name, e.g. "lync2013-edge-hlb"
 * @param location     where it was read from (a path or "classpath:..."), for reports
 * @param requirements empty when the pack has no requirements file
 */
public record RulePack(String name, String location, List<Rule> rules, List<HlbRequirement> requirements) {

    public RulePack {
        rules = List.copyOf(rules);
        requirements = List.copyOf(requirements);
    }

    /** The rule with {@code id}, or null. */
    public Rule rule(String id) {
        for (Rule r : rules) {
            if (r.id().equals(id)) {
                return r;
            }
        }
        return null;
    }

    /** This pack with {@code relay} ports set to the topology's A/V relay range {@code low-high}. */
    public RulePack withRelayPorts(int low, int high) {
        List<Rule> out = rules.stream().map(r -> new Rule(r.id(), r.table(), r.tableTitle(), r.row(), r.role(), r.protocol(),
                r.transport(), r.srcPorts().withRelay(low, high), r.dstPorts().withRelay(low, high), r.source(),
                r.destination(), r.iface(), r.target(), r.nat(), r.conditions(), r.service(), r.sourceText(),
                r.destinationText(), r.note(), r.serviceZh(), r.noteZh(), r.line())).toList();
        return new RulePack(name, location, out, requirements);
    }

    /** The table ids in order of first appearance. */
    public List<String> tables() {
        return rules.stream().map(Rule::table).distinct().toList();
    }
}
