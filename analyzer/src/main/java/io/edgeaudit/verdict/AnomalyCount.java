package io.edgeaudit.verdict;

/**
 * A decoder anomaly kind (Zeek-style weird name), how often it occurred, and where first. Immutable.
 *
 * @param first "file#packet @offset", or ""
 */
public record AnomalyCount(String name, long count, String first) {
}
