package io.edgeaudit.flow;

/**
 * An intrusive doubly linked list of entries in the order they were last touched, with one
 * timeout for all of them: the head is always the entry to expire first, so expiry is amortised
 * O(1) per packet and allocates nothing.
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
    void touch(FlowEntry e, long clock) {
        e.listClock = clock;
        if (tail == e) {
            return;
        }
        remove(e);
        append(e, clock);
    }

    /** True when {@code e}, stamped on this list, has been idle longer than the timeout at {@code clock}. */
    boolean expired(FlowEntry e, long clock) {
        return clock - e.listClock > timeoutNanos;
    }
}
