package io.edgeaudit.watch;

import io.edgeaudit.capture.live.LiveStats;

/**
 * One report window of a watch run. A window with any frame dropped by the kernel or the interface
 * is incomplete: flows in it may be missing packets or missing altogether.
 *
 * @param index          1-based
 * @param startNanos     wall clock, nanoseconds since the epoch
 * @param endNanos       wall clock, nanoseconds since the epoch
 * @param capture        libpcap's counters for this window alone
 * @param flowsEnded     flows that ended (and were judged) in this window
 * @param newViolations  violations reported for the first time in this window
 * @param last           true for the window closed by the end of the run
 */
public record WindowReport(int index, long startNanos, long endNanos, LiveStats capture, long flowsEnded,
                           long newViolations, boolean last) {

    public boolean incomplete() {
        return capture.hasDrops();
    }
}
