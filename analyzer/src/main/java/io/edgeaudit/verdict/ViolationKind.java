package io.edgeaudit.verdict;

/**
 * Every kind of finding, with the stable name used in all outputs and its default severity.
 * Port-model kinds come from the firewall tables; A/V kinds from the HLB requirements.
 */
public enum ViolationKind {
    UNEXPECTED_PORT(Severity.ERROR, "no rule allows this transport and port on this interface"),
    WRONG_DIRECTION(Severity.ERROR, "the port is allowed only in the other direction"),
    WRONG_INTERFACE(Severity.ERROR, "the port is allowed only on the other interface"),
    WRONG_ENDPOINT(Severity.ERROR, "the port is right but an address is not the one the model names"),
    CONDITION_NOT_MET(Severity.WARNING, "the rule exists but its condition is off in the topology"),
    INTERNAL_ON_EXTERNAL(Severity.ERROR, "an internal network address seen on the external interface"),
    EXTERNAL_ON_INTERNAL(Severity.ERROR, "an Internet address seen on the internal interface"),
    SNAT_ON_AV(Severity.ERROR, "the load balancer applied SNAT to A/V Edge traffic"),
    AV_RELAY_ADDRESS(Severity.ERROR, "a relayed address is not the serving node's public A/V address"),
    AV_RESPONSE_SOURCE(Severity.ERROR, "an A/V response came from another address than the request went to"),
    AV_MEDIA_VIA_VIP(Severity.ERROR, "media for a relayed address flows through the VIP"),
    UDP_BLOCKED(Severity.WARNING, "UDP 3478 went unanswered and the client fell back to TCP 443"),
    ALLOCATION_FAILED(Severity.WARNING, "a TURN allocation was refused"),
    ONE_WAY_MEDIA(Severity.WARNING, "media on a relayed address flowed one way only");

    private final Severity defaultSeverity;
    private final String meaning;

    ViolationKind(Severity defaultSeverity, String meaning) {
        this.defaultSeverity = defaultSeverity;
        this.meaning = meaning;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    /** One phrase for legends and help. */
    public String meaning() {
        return meaning;
    }
}
