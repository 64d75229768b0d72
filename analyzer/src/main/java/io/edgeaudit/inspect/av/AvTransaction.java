package io.edgeaudit.inspect.av;

import io.edgeaudit.flow.PacketRef;
import io.edgeaudit.inspect.stun.StunMessage;
import io.edgeaudit.inspect.stun.TransportAddress;

/**
 * One STUN request and its response, paired by transaction id. The response may come from another
 * address than the request went to (that is what {@code AV_RESPONSE_SOURCE} looks for), so pairing never
 * uses the 5-tuple. Mutable while the capture is read (the inspector is its only writer), then read only.
 */
public final class AvTransaction {
    private final String transactionId;
    private final StunMessage request;
    private final PacketRef requestRef;
    private final TransportAddress requestSrc;
    private final TransportAddress requestDst;
    private final String transport;
    private final String flowUid;
    private int retransmissions;
    private StunMessage response;
    private PacketRef responseRef;
    private TransportAddress responseSrc;
    private TransportAddress responseDst;

    AvTransaction(StunMessage request, PacketRef requestRef, TransportAddress requestSrc,
                  TransportAddress requestDst, String transport, String flowUid) {
        this.transactionId = request.transactionId();
        this.request = request;
        this.requestRef = requestRef;
        this.requestSrc = requestSrc;
        this.requestDst = requestDst;
        this.transport = transport;
        this.flowUid = flowUid;
    }

    void retransmitted() {
        retransmissions++;
    }

    void answer(StunMessage response, PacketRef ref, TransportAddress src, TransportAddress dst) {
        if (this.response == null) {
            this.response = response;
            this.responseRef = ref;
            this.responseSrc = src;
            this.responseDst = dst;
        }
    }

    /** Hex of message bytes 4..19 (see {@link StunMessage#transactionId()}). */
    public String transactionId() {
        return transactionId;
    }

    public StunMessage request() {
        return request;
    }

    public PacketRef requestRef() {
        return requestRef;
    }

    /** Where the request came from, as seen at this capture point. */
    public TransportAddress requestSrc() {
        return requestSrc;
    }

    public TransportAddress requestDst() {
        return requestDst;
    }

    /** "udp" or "tcp". */
    public String transport() {
        return transport;
    }

    /** Uid of the flow that carried the request. */
    public String flowUid() {
        return flowUid;
    }

    /** Copies of the request seen after the first. */
    public int retransmissions() {
        return retransmissions;
    }

    /** The first response, or null when none was seen. */
    public StunMessage response() {
        return response;
    }

    public PacketRef responseRef() {
        return responseRef;
    }

    public TransportAddress responseSrc() {
        return responseSrc;
    }

    public TransportAddress responseDst() {
        return responseDst;
    }

    public boolean answered() {
        return response != null;
    }
}
