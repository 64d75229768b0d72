package io.edgeaudit.pipeline;

import io.edgeaudit.decode.Anomalies;

import java.util.List;

/**
 * What a run read and found, for the command to print: one entry per input (with its own anomalies),
 * then totals.
 *
 * @param packetsWithoutFlow frames that joined no flow (not IP, no transport, fragments without ports)
 * @param anomalies          anomaly kinds seen, each with its count and first occurrence
 * @param error              one line when reading stopped for a reason other than a bad file
 *                           (an I/O failure of the device or disk), else null
 */
public record RunSummary(List<FileSummary> files, long packets, long bytes, long flows, long packetsWithoutFlow,
                         long peakLiveFlows, List<Anomalies.Entry> anomalies, String error) {

    public RunSummary {
        files = List.copyOf(files);
        anomalies = List.copyOf(anomalies);
    }

    /**
     * One input.
     *
     * @param format       "pcap", "pcapng", ... as the reader recognised it
     * @param sha256       hex SHA-256 of the file, or null when it was not read to the end
     * @param packets      frames read from it
     * @param flowsStarted flows whose first packet came from it
     * @param error        the reader's one-line error when it stopped early, else null
     * @param anomalies    anomaly kinds seen in this file, each with this file's count and first occurrence
     */
    public record FileSummary(int index, String name, String format, String sha256, long packets,
                              long flowsStarted, String error, List<Anomalies.Entry> anomalies) {
        public FileSummary {
            anomalies = List.copyOf(anomalies);
        }

        public FileSummary(int index, String name, String format, String sha256, long packets, long flowsStarted,
                           String error) {
            this(index, name, format, sha256, packets, flowsStarted, error, List.of());
        }

        public boolean partial() {
            return error != null;
        }
    }

    /** True when some input was not read to its end: the results cover what could be read. */
    public boolean partial() {
        return error != null || files.stream().anyMatch(FileSummary::partial);
    }
}
