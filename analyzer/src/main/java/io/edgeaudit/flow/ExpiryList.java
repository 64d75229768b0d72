package io.edgeaudit.flow;

/**
 * An intrusive doubly linked list of entries in the order they were appended, with one timeout for
 * all of them. Packets only stamp {@link FlowEntry#lastClock}; the sweep looks at the head while it
 * is {@link #due}: an idle head is expired, an active one re-appended. Each entry is looked at
 * once per timeout at most, so expiry is amortised O(1) per packet and allocates nothing; an idle
 * entry is found at most one timeout late (memory, not results, depends on that: lookups test
 * {@link #idle} themselves).
 */
final class ExpiryList {
    final int id;
    final long timeoutNanos;
    FlowEntry head;
    FlowEntry tail;
    int size;

    ExpiryList(int id, long timeoutNanos) {
        this.id = id;
        this.timeoutNanos = timeoutNanos;
    }

    /** Puts {@code e} (on no list) at the tail, stamped with {@code clock}. */
    void append(FlowEntry e, long clock) {
        e.list = id;
        e.listClock = clock;
        e.prev = tail;
        e.next = null;
        if (tail == null) {
            head = e;
        } else {
            tail.next = e;
        }
        tail = e;
        size++;
    }

    void remove(FlowEntry e) {
        if (e.prev == null) {
            head = e.next;
        } else {
            e.prev.next = e.next;
        }
        if (e.next == null) {
            tail = e.prev;
        } else {
            e.next.prev = e.prev;
        }
        e.prev = null;
        e.next = null;
        e.list = -1;
        size--;
    }

    /** Moves {@code e} (on this list) to the tail and restamps it. */
    void requeue(FlowEntry e, long clock) {
        remove(e);
        append(e, clock);
    }

    /** True when {@code e} has had no packet for longer than the timeout at {@code clock}. */
    boolean idle(FlowEntry e, long clock) {
        return clock - e.lastClock > timeoutNanos;
    }

    /** True when {@code e} has been on this list longer than the timeout (then it may be idle). */
    boolean due(FlowEntry e, long clock) {
        return clock - e.listClock > timeoutNanos;
    }
}
