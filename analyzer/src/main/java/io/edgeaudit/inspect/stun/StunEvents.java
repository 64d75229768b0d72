package io.edgeaudit.inspect.stun;

/**
 * What STUN framing found, one call per message, in the order of the bytes. Called synchronously while
 * a packet is being inspected, so the receiver knows which packet carried it.
 */
public interface StunEvents {

    /** A decoded STUN/TURN/MS-TURN message. */
    void message(StunMessage message);

    /** A message claiming to be STUN whose lengths cannot be trusted. */
    void malformed(String reason);

    /** A TURN ChannelData message carrying {@code length} bytes of application data. */
    void channelData(int channel, int length);

    /**
     * Application data relayed without STUN: an [MS-TURN] 0x03 end-to-end data frame on TCP, or a
     * non-STUN RFC 4571 frame (RTP over ICE-TCP).
     */
    void relayedData(int length);

    /** A pseudo-TLS handshake record of [MS-TURN] 2.1.1 (1 ClientHello, 2 ServerHello). */
    default void pseudoTls(int handshakeType) {
    }
}
