package io.edgeaudit.report.history;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on {@code history.db.lock} held for a whole scheduled run, so that two runs
 * started at once (cron overlapping a manual run) do not analyse the same new files twice: the second
 * waits, then finds them recorded. The operating system releases the lock when the process dies, so a
 * killed run never leaves it stuck.
 */
public final class RunLock implements AutoCloseable {
    private static final long POLL_MS = 200;

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock next to {@code database}, waiting up to {@code waitMillis}.
     *
     * @throws HistoryException when another run still holds it after the wait, or the file cannot be opened
     */
    public static RunLock acquire(Path database, long waitMillis) {
        Path file = database.resolveSibling(database.getFileName() + ".lock");
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            long deadline = System.nanoTime() + waitMillis * 1_000_000L;
            while (true) {
                FileLock l;
                try {
                    l = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    l = null; // held by another run in this JVM (tests)
                }
                if (l != null) {
                    return new RunLock(ch, l);
                }
                if (System.nanoTime() - deadline >= 0) {
                    ch.close();
                    throw new HistoryException(file + ": another edgeaudit report run holds the lock (waited "
                            + waitMillis / 1000 + " s)", null);
                }
                Thread.sleep(POLL_MS);
            }
        } catch (IOException e) {
            closeQuietly(ch);
            throw new HistoryException(file + ": cannot lock: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            closeQuietly(ch);
            Thread.currentThread().interrupt();
            throw new HistoryException(file + ": interrupted while waiting for the lock", e);
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // already failing; the first error is the one reported
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
