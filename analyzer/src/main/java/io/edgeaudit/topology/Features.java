package io.edgeaudit.topology;

/** The Edge features the deployment uses; a rule whose condition names an off feature is not allowed. */
public record Features(boolean xmpp, boolean webConferencing, boolean av) {
}
