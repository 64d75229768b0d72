package io.edgeaudit.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared public capture corpus (/work/shared/pcaps), found from the repository root. */
final class CorpusSupport {
    private CorpusSupport() {
    }

    /** The corpus directory, or null when this checkout has none. */
    static Path directory() {
        String repo = System.getProperty("edgeaudit.repo");
        if (repo == null) {
            return null;
        }
        Path dir = Path.of(repo, "..", "shared", "pcaps").normalize();
        return Files.isDirectory(dir) ? dir : null;
    }

    /** Every file of the corpus that is meant as a capture (not its index or the block descriptions). */
    static List<Path> captures(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().matches(".*\\.(md|json|tsv|txt)"))
                    .sorted()
                    .toList();
        }
    }
}
