package io.edgeaudit.flow;

/**
 * Where a packet is in the input: the file (by command-line index and name), its 1-based packet
 * number as Wireshark counts it, and its timestamp. Immutable evidence.
 */
public record PacketRef(int fileIndex, String file, long packetNumber, long timestampNanos) {
    /** "file#n", as {@link #toString()} gives it, appended without making a String. */
    public StringBuilder appendTo(StringBuilder b) {
        return b.append(file).append('#').append(packetNumber);
    }

    @Override
    public String toString() {
        return appendTo(new StringBuilder(file.length() + 12)).toString();
    }
}
