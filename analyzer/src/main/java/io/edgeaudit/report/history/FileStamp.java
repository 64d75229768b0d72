package io.edgeaudit.report.history;

/**
 * A capture file as the history remembers it: a file counts as analysed when a committed run
 * recorded the same path, size and modification time. A file rewritten in place (new size or
 * mtime) is analysed again.
 *
 * @param path      absolute, normalised path
 * @param size      bytes
 * @param mtimeMillis modification time, milliseconds since the epoch
 */
public record FileStamp(String path, long size, long mtimeMillis) {
}
