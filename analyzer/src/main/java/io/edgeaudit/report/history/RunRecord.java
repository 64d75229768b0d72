package io.edgeaudit.report.history;

import java.time.Instant;

/**
 * One committed scheduled run.
 *
 * @param runId     e.g. "20261124T090000Z": also the name of its report folder
 * @param startedAt when the run began
 * @param files     capture files it analysed
 * @param findings  distinct findings (keys) it reported
 * @param added     findings not in the previous run
 * @param resolved  findings of the previous run it no longer saw
 * @param exitCode  the exit code the run returned
 */
public record RunRecord(String runId, Instant startedAt, int files, int findings, int added, int resolved,
                        int exitCode) {
}
