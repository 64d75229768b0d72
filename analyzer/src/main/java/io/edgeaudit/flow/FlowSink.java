package io.edgeaudit.flow;

/** Receives each flow once, when it ends (inactivity timeout, TCP close, or end of input). */
@FunctionalInterface
public interface FlowSink {
    void flowEnded(Flow flow);
}
