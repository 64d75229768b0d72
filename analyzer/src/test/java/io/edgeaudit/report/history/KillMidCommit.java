package io.edgeaudit.report.history;

import java.nio.file.Path;
import java.time.Instant;
import java.util.AbstractList;
import java.util.List;

/**
 * Child process of {@link ScheduledRunTest}: starts recording a run and halts the JVM (no shutdown
 * hooks, no finally blocks: as close to kill -9 as Java gets) in the middle of inserting its findings,
 * after the run and file rows were written inside the open transaction.
 */
public final class KillMidCommit {
    static final int EXIT = 137;

    private KillMidCommit() {
    }

    public static void main(String[] args) {
        HistoryStore store = HistoryStore.open(Path.of(args[0]));
        List<StoredFinding> findings = new AbstractList<>() {
            @Override
            public StoredFinding get(int i) {
                if (i == 2) {
                    Runtime.getRuntime().halt(EXIT);
                }
                return new StoredFinding(new FindingKey("UNEXPECTED_PORT", "r", "tcp x:* -> y:" + i), 1, "killed");
            }

            @Override
            public int size() {
                return 5;
            }
        };
        store.commit(new RunRecord("killed", Instant.parse("2026-11-25T02:00:00Z"), 1, 5, 5, 1, 1),
                List.of(new FileStamp("/captures/killed.pcap", 10, 10)), findings);
        System.exit(0);
    }
}
