package io.edgeaudit.verdict.av;

import io.edgeaudit.inspect.av.AvCapture;
import io.edgeaudit.inspect.av.Allocation;
import io.edgeaudit.verdict.Violation;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The A/V checks' result: the violations (for the common outputs), which allocation each concerns, and
 * the address rewrites found across capture points. Immutable.
 */
public record AvVerdicts(List<AvCapture> captures, List<Violation> violations,
                         Map<Allocation, List<Violation>> byAllocation, List<AddressRewrite> rewrites) {

    public AvVerdicts {
        captures = List.copyOf(captures);
        violations = List.copyOf(violations);
        IdentityHashMap<Allocation, List<Violation>> copy = new IdentityHashMap<>();
        byAllocation.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        byAllocation = Collections.unmodifiableMap(copy);
        rewrites = List.copyOf(rewrites);
    }

    /** The violations concerning one allocation (empty when it is fine). */
    public List<Violation> of(Allocation a) {
        return byAllocation.getOrDefault(a, List.of());
    }
}
