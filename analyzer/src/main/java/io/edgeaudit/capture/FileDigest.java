package io.edgeaudit.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of a whole file, computed on a thread of its own while something else reads the file
 * (libpcap, which gives us no access to the bytes it reads).
 */
final class FileDigest implements Runnable {
    private final Path path;
    private final Thread thread;
    private volatile String result;

    private FileDigest(Path path) {
        this.path = path;
        this.thread = new Thread(this, "sha256 " + path.getFileName());
        this.thread.setDaemon(true);
    }

    /** Starts hashing {@code path} in the background. */
    static FileDigest start(Path path) {
        FileDigest d = new FileDigest(path);
        d.thread.start();
        return d;
    }

    /** Waits for the hash; null when the file could not be read or hashing was cancelled. */
    String await() {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        return result;
    }

    /** Stops hashing; {@link #await()} then returns null. */
    void cancel() {
        thread.interrupt();
    }

    @Override
    public void run() {
        try (InputStream in = Files.newInputStream(path)) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 20];
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                sha256.update(buf, 0, n);
            }
            result = HexFormat.of().formatHex(sha256.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            // result stays null: the reader reports the file's own error, if any
        }
    }
}
