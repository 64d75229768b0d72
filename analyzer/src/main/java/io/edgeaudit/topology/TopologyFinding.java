package io.edgeaudit.topology;

/**
 * One inconsistency between a topology and the HLB model. Immutable.
 *
 * @param check   stable check name: public-address, n-plus-one, duplicate, internal-in-external,
 *                external-in-internal, missing-role
 * @param line    the line of the setting in the topology file, 0 when it has none
 * @param message one line, "what (expected: ...)"
 */
public record TopologyFinding(String check, int line, String message) {

    /** "FILE:LINE: check: message". */
    public String format(String file) {
        return file + (line > 0 ? ":" + line : "") + ": " + check + ": " + message;
    }
}
