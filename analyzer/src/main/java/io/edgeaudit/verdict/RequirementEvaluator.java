package io.edgeaudit.verdict;

import io.edgeaudit.rules.HlbRequirement;
import io.edgeaudit.topology.TopologyFinding;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives each load balancer requirement a status from what a run found. A requirement's checks are
 * violation kinds, rule ids or {@code topology:CHECK} names: it fails when any of them reported
 * something, passes when at least one was exercised and none reported, and is not exercised when the
 * capture held nothing its checks look at.
 */
public final class RequirementEvaluator {
    /** Kinds only the A/V checks report: exercised only when A/V transactions were analysed. */
    private static final Set<ViolationKind> AV_KINDS = Set.of(ViolationKind.SNAT_ON_AV, ViolationKind.AV_RELAY_ADDRESS,
            ViolationKind.AV_RESPONSE_SOURCE, ViolationKind.AV_MEDIA_VIA_VIP, ViolationKind.UDP_BLOCKED,
            ViolationKind.ALLOCATION_FAILED, ViolationKind.ONE_WAY_MEDIA);

    private RequirementEvaluator() {
    }

    /**
     * @param coverage          per-rule flow counts (a rule with flows was exercised)
     * @param topologyFindings  the topology check's findings (its checks are always exercised)
     * @param inScopeFlows      flows that touched the Edge (port and location kinds are exercised by any)
     * @param avAnalysed        true when A/V transactions were analysed (A/V kinds are exercised)
     */
    public static List<RequirementStatus> evaluate(List<HlbRequirement> requirements, List<Violation> violations,
                                                   List<RuleCoverage> coverage, List<TopologyFinding> topologyFindings,
                                                   long inScopeFlows, boolean avAnalysed) {
        Map<String, Long> flowsByRule = new java.util.HashMap<>();
        for (RuleCoverage c : coverage) {
            flowsByRule.put(c.ruleId(), c.flows());
        }
        List<RequirementStatus> out = new ArrayList<>();
        for (HlbRequirement h : requirements) {
            if (!h.observable()) {
                out.add(new RequirementStatus(h.id(), h.text(), h.checkId(), RequirementStatus.Status.NOT_OBSERVABLE,
                        h.reason()));
                continue;
            }
            Set<String> failures = new LinkedHashSet<>();
            int failing = 0;
            boolean exercised = false;
            for (String check : h.checks()) {
                if (check.startsWith("topology:")) {
                    exercised = true;
                    String name = check.substring("topology:".length());
                    for (TopologyFinding f : topologyFindings) {
                        if (f.check().equals(name)) {
                            failures.add("topology " + name);
                            failing++;
                        }
                    }
                    continue;
                }
                ViolationKind kind = kind(check);
                for (Violation v : violations) {
                    if (kind != null ? v.kind() == kind : v.ruleId().equals(check)) {
                        failures.add(kind != null ? kind.name() : v.kind().name() + " on " + check);
                        failing++;
                    }
                }
                if (kind != null) {
                    exercised |= AV_KINDS.contains(kind) ? avAnalysed : inScopeFlows > 0;
                } else {
                    exercised |= flowsByRule.getOrDefault(check, 0L) > 0;
                }
            }
            if (failing > 0) {
                out.add(new RequirementStatus(h.id(), h.text(), h.checkId(), RequirementStatus.Status.FAIL,
                        failing + " finding" + (failing == 1 ? "" : "s") + ": " + String.join(", ", failures)));
            } else if (exercised || !failures.isEmpty()) {
                out.add(new RequirementStatus(h.id(), h.text(), h.checkId(), RequirementStatus.Status.PASS,
                        "no finding from " + h.checkId() + ". " + h.reason()));
            } else {
                out.add(new RequirementStatus(h.id(), h.text(), h.checkId(), RequirementStatus.Status.NOT_EXERCISED,
                        "the capture holds no traffic " + h.checkId() + " looks at. " + h.reason()));
            }
        }
        return out;
    }

    private static ViolationKind kind(String check) {
        try {
            return ViolationKind.valueOf(check);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Statuses updated with findings a later check added (the A/V checks): a requirement whose checks
     * name a kind among {@code added} fails; one whose only checks are A/V kinds passes once A/V
     * transactions were analysed without findings.
     */
    public static List<RequirementStatus> update(List<RequirementStatus> current, List<Violation> added,
                                                 boolean avAnalysed) {
        List<RequirementStatus> out = new ArrayList<>();
        for (RequirementStatus r : current) {
            if (r.status() == RequirementStatus.Status.NOT_OBSERVABLE) {
                out.add(r);
                continue;
            }
            List<String> checks = List.of(r.checkId().split(";"));
            Set<String> failures = new LinkedHashSet<>();
            for (Violation v : added) {
                if (checks.contains(v.kind().name())) {
                    failures.add(v.kind().name());
                }
            }
            if (!failures.isEmpty()) {
                String prior = r.status() == RequirementStatus.Status.FAIL ? r.detail() + "; " : "";
                out.add(new RequirementStatus(r.id(), r.text(), r.checkId(), RequirementStatus.Status.FAIL,
                        prior + "A/V findings: " + String.join(", ", failures)));
            } else if (r.status() == RequirementStatus.Status.NOT_EXERCISED && avAnalysed
                    && checks.stream().anyMatch(c -> kind(c) != null && AV_KINDS.contains(kind(c)))) {
                out.add(new RequirementStatus(r.id(), r.text(), r.checkId(), RequirementStatus.Status.PASS,
                        "no finding from " + r.checkId() + " on the A/V transactions analysed"));
            } else {
                out.add(r);
            }
        }
        return out;
    }
}
