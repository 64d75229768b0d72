package io.edgeaudit.verdict;

import java.util.List;

/**
 * One input of the run, as the report lists it. Immutable.
 *
 * @param index        position on the command line, 0-based
 * @param name         the path as given
 * @param format       "pcap", "pcapng", ... or "unknown"
 * @param sha256       hex SHA-256, or "" when the file was not read to its end
 * @param capturePoint the capture point the file was given for ({@code --capture-point NAME=FILE}), or ""
 * @param error        the reader's one-line error, or "" when the file was read to its end
 * @param anomalies    decoder anomalies in this file: its own counts and first occurrences
 */
public record InputFile(int index, String name, String format, String sha256, long packets, String capturePoint,
                        String error, List<AnomalyCount> anomalies) {

    public InputFile {
        anomalies = List.copyOf(anomalies);
    }

    /** An input without anomalies. */
    public InputFile(int index, String name, String format, String sha256, long packets, String capturePoint,
                     String error) {
        this(index, name, format, sha256, packets, capturePoint, error, List.of());
    }

    public boolean partial() {
        return !error.isEmpty();
    }
}
