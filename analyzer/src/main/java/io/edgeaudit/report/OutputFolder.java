package io.edgeaudit.report;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
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
 * The folder a run writes its outputs to ({@code --out DIR}). Each file is written to a temporary
 * file inside the folder and renamed over its target, so a reader sees the old file or the complete
 * new one, never half (issue 7 item 5); a name that would leave the folder is refused.
 */
public final class OutputFolder {
    private final Path dir;

    /** Creates the folder when missing. @throws IOException when it cannot be created */
    public OutputFolder(Path dir) throws IOException {
        this.dir = dir.toAbsolutePath().normalize();
        Files.createDirectories(this.dir);
    }

    public Path dir() {
        return dir;
    }

    /** Writes something through a {@link Writer}. */
    @FunctionalInterface
    public interface Body {
        void writeTo(Writer out) throws IOException;
    }

    /** Writes bytes to an {@link OutputStream} (binary outputs: evidence pcapng). */
    @FunctionalInterface
    public interface StreamBody {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code name} (a plain file name) atomically as UTF-8 and returns its path.
     *
     * @throws IllegalArgumentException when {@code name} is not a plain name inside the folder
     * @throws IOException              when writing fails (the temporary file is removed)
     */
    public Path write(String name, Body body) throws IOException {
        return writeBytes(name, out -> {
            // bodies may close their writer (Jackson does); the file stream is closed by writeBytes
            OutputStream keepOpen = new FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            };
            try (Writer w = new OutputStreamWriter(keepOpen, StandardCharsets.UTF_8)) {
                body.writeTo(w);
            }
        });
    }

    /** Like {@link #write} for binary content, buffered. */
    public Path writeBytes(String name, StreamBody body) throws IOException {
        Path target = dir.resolve(name).normalize();
        if (!target.getParent().equals(dir)) {
            throw new IllegalArgumentException("output name '" + name + "' leaves " + dir + " (expected: a plain file name)");
        }
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 64 * 1024)) {
                body.writeTo(out);
            }
            // createTempFile makes the file owner-only; a report is meant to be handed on
            if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }

    /** {@link #write} to {@code file}, in a folder made of its parent. */
    public static Path writeFile(Path file, Body body) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        return new OutputFolder(abs.getParent()).write(abs.getFileName().toString(), body);
    }

    /** {@link #writeBytes} to {@code file}, in a folder made of its parent. */
    public static Path writeFileBytes(Path file, StreamBody body) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        return new OutputFolder(abs.getParent()).writeBytes(abs.getFileName().toString(), body);
    }
}
