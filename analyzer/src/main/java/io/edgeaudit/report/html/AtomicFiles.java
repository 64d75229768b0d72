package io.edgeaudit.report.html;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a report file so that a reader sees either the old file or the complete new one: the text
 * goes to a temporary file in the same folder, which is then renamed over the target (issue 7 item 5).
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes something through a {@link Writer}; may throw {@link IOException}. */
    @FunctionalInterface
    public interface Body {
        void writeTo(Writer out) throws IOException;
    }

    /** Writes bytes to an {@link OutputStream}; may throw {@link IOException}. */
    @FunctionalInterface
    public interface StreamBody {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code target} atomically as UTF-8. The temporary file is removed when {@code body} fails.
     *
     * @throws IOException when the folder cannot be written or {@code body} fails
     */
    public static void write(Path target, Body body) throws IOException {
        writeBytes(target, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            body.writeTo(w);
            w.flush();
        });
    }

    /** Like {@link #write(Path, Body)} for binary content (buffered). */
    public static void writeBytes(Path target, StreamBody body) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 64 * 1024)) {
                body.writeTo(out);
            }
            // createTempFile makes the file owner-only; a report is meant to be read by others.
            if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Resolves {@code name} inside {@code folder} and refuses any name that would leave it
     * ("../x", absolute paths, or a name made of packet data with separators).
     *
     * @throws IllegalArgumentException when the result is not inside {@code folder}
     */
    public static Path inside(Path folder, String name) {
        Path base = folder.toAbsolutePath().normalize();
        Path p = base.resolve(name).normalize();
        if (!p.startsWith(base) || p.equals(base)) {
            throw new IllegalArgumentException("output name '" + name + "' leaves the folder " + base
                    + " (expected: a plain file name)");
        }
        return p;
    }
}
