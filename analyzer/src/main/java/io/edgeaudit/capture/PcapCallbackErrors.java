package io.edgeaudit.capture;

import com.sun.jna.Callback;
import com.sun.jna.Native;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapNativeException;

/**
 * Keeps exceptions thrown inside pcap4j's packet callback during our own {@code pcap_dispatch}
 * from reaching JNA's default handler, which prints a stack trace to stderr. pcap4j 1.8.2 throws
 * there when java.sql.Timestamp refuses a file's nanosecond field (&gt;= 1e9); the packet is then
 * dropped, which {@link LibpcapFileSource} detects by count and reports in one line.
 *
 * <p>JNA has one handler per process, so this installs a handler once that takes only exceptions
 * raised on a thread inside {@link #during}; every other callback's exception goes to the handler
 * that was installed before, unchanged.
 */
final class PcapCallbackErrors {
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private static boolean installed;

    private PcapCallbackErrors() {
    }

    /** A pcap4j dispatch call. */
    interface Dispatch {
        int run() throws PcapNativeException, InterruptedException, NotOpenException;
    }

    /** Runs {@code dispatch} with callback exceptions on this thread swallowed. */
    static int during(Dispatch dispatch) throws PcapNativeException, InterruptedException, NotOpenException {
        install();
        INSIDE.set(Boolean.TRUE);
        try {
            return dispatch.run();
        } finally {
            INSIDE.set(Boolean.FALSE);
        }
    }

    private static synchronized void install() {
        if (installed) {
            return;
        }
        Callback.UncaughtExceptionHandler previous = Native.getCallbackExceptionHandler();
        Native.setCallbackExceptionHandler((callback, error) -> {
            if (!INSIDE.get()) {
                previous.uncaughtException(callback, error);
            }
        });
        installed = true;
    }
}
