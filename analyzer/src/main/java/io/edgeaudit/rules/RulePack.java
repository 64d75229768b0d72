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

    /** The table ids in order of first appearance. */
    public List<String> tables() {
        return rules.stream().map(Rule::table).distinct().toList();
    }
}
