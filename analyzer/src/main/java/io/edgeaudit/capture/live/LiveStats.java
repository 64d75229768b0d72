package io.edgeaudit.capture.live;

/**
 * libpcap's counters for a live capture (pcap_stats), cumulative since the capture started, plus
 * what this process delivered. On Linux {@code received} counts frames that passed the filter,
 * including those the kernel then dropped.
 *
 * @param received          ps_recv: frames the kernel saw that passed the filter
 * @param droppedByKernel   ps_drop: frames lost because the kernel ring was full
 * @param droppedByIface    ps_ifdrop: frames the interface or driver dropped (0 where unsupported)
 * @param delivered         frames handed to the pipeline by {@link LiveSource#next()}
 */
public record LiveStats(long received, long droppedByKernel, long droppedByIface, long delivered) {

    public static final LiveStats ZERO = new LiveStats(0, 0, 0, 0);

    /** The counts accumulated since {@code earlier} (for one report window). */
    public LiveStats minus(LiveStats earlier) {
        return new LiveStats(received - earlier.received, droppedByKernel - earlier.droppedByKernel,
                droppedByIface - earlier.droppedByIface, delivered - earlier.delivered);
    }

    /** Any frame lost by the kernel or the interface: results for this span are incomplete. */
    public boolean hasDrops() {
        return droppedByKernel > 0 || droppedByIface > 0;
    }

    @Override
    public String toString() {
        return "received " + received + ", dropped by kernel " + droppedByKernel
                + ", dropped by interface " + droppedByIface + ", delivered " + delivered;
    }
}
