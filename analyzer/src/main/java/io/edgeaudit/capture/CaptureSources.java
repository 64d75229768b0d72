package io.edgeaudit.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Turns the inputs a user names - files and directories - into one {@link CaptureSource}.
 *
 * <p>A directory stands for the capture files in it (not in subdirectories), sorted by name, as a
 * rotated set is named; files in it that are not captures are skipped with a note. A file named
 * explicitly is always read, so one that is not a capture fails with its one-line error. All files
 * form one timeline, merged by timestamp ({@link MergedCaptureSource}); the {@link CaptureFile}s are
 * indexed in that input order.
 */
public final class CaptureSources {

    /** Which code reads the files. */
    public enum Reader {
        /** Our streaming readers: pcap, pcapng, gzip; allocation-free per frame. */
        EDGEAUDIT,
        /** libpcap through pcap4j ({@code --reader libpcap}): no compression, no pcapng interface names. */
        LIBPCAP
    }

    private CaptureSources() {
    }

    /** {@link #open(List, Reader, Consumer)} with our reader and notes dropped. */
    public static CaptureSource open(List<Path> inputs) throws IOException {
        return open(inputs, Reader.EDGEAUDIT, note -> { });
    }

    /**
     * Opens nothing yet but lists the directories: files are opened by the first
     * {@link CaptureSource#next()}, so a file that cannot be read fails there with its one-line error.
     *
     * @param inputs files and directories, in the order the user gave them
     * @param notes  receives one line per directory entry skipped, and per directory without captures
     * @throws IOException when a directory cannot be listed
     */
    public static CaptureSource open(List<Path> inputs, Reader reader, Consumer<String> notes) throws IOException {
        Objects.requireNonNull(reader, "reader");
        List<Path> paths = expand(inputs, notes);
        List<FileSource> sources = new ArrayList<>(paths.size());
        for (Path p : paths) {
            CaptureFile file = new CaptureFile(sources.size(), p.toString());
            sources.add(reader == Reader.LIBPCAP ? new LibpcapFileSource(file, p) : new CaptureFileReader(file, p));
        }
        return sources.size() == 1 ? sources.get(0) : new MergedCaptureSource(sources);
    }

    /** The files the inputs stand for, in reading order; explicit files are kept as given. */
    static List<Path> expand(List<Path> inputs, Consumer<String> notes) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (!Files.isDirectory(input)) {
                files.add(input);
                continue;
            }
            List<Path> entries = new ArrayList<>();
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(input)) {
                dir.forEach(entries::add);
            }
            entries.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
            int found = 0;
            for (Path entry : entries) {
                if (Files.isDirectory(entry)) {
                    notes.accept(entry + ": skipped, a subdirectory (directories are not searched recursively)");
                } else if (looksLikeCapture(entry)) {
                    files.add(entry);
                    found++;
                } else {
                    notes.accept(entry + ": skipped, not a capture file");
                }
            }
            if (found == 0) {
                notes.accept(input + ": no capture files in this directory");
            }
        }
        return files;
    }

    /**
     * True when the file starts with a pcap or pcapng magic, or is gzip whose content does, or is
     * zstd (kept, so the user learns it must be decompressed), or cannot be read (kept, so the user
     * learns why). Reads at most a few kilobytes.
     */
    static boolean looksLikeCapture(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(4);
            if (head.length >= 2 && (head[0] & 0xFF) == 0x1f && (head[1] & 0xFF) == 0x8b) {
                try (InputStream gz = new GZIPInputStream(Files.newInputStream(path), 4096)) {
                    head = gz.readNBytes(4);
                }
            } else if (head.length == 4 && (head[0] & 0xFF) == 0x28 && (head[1] & 0xFF) == 0xb5
                    && (head[2] & 0xFF) == 0x2f && (head[3] & 0xFF) == 0xfd) {
                return true;
            }
            if (head.length < 4) {
                return false;
            }
            int magic = (head[0] & 0xFF) << 24 | (head[1] & 0xFF) << 16 | (head[2] & 0xFF) << 8 | (head[3] & 0xFF);
            return magic == PcapngReader.SHB || PcapReader.isMagic(magic);
        } catch (IOException e) {
            return true; // kept, so that reading it reports why it cannot be read
        }
    }
}
