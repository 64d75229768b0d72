package io.edgeaudit.report.history;

/**
 * A finding as one run recorded it.
 *
 * @param count     violations with this key in the run
 * @param firstSeen id of the earliest run in the unbroken series of runs that reported it
 */
public record StoredFinding(FindingKey key, int count, String firstSeen) {
}
