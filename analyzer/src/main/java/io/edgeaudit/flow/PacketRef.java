package io.edgeaudit.flow;

/**
 * Where a packet is in the input: the file (by command-line index and name), its 1-based packet
 * number as Wireshark counts it, and its timestamp. Immutable evidence.
 */
public record PacketRef(int fileIndex, String file, long packetNumber, long timestampNanos) {
    @Override
    public String toString() {
        return file + "#" + packetNumber;
    }
}
