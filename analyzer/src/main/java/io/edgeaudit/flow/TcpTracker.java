package io.edgeaudit.flow;

import io.edgeaudit.decode.Packet;

import java.util.regex.Pattern;

/**
 * The TCP endpoint state machine and history string of one flow, following Zeek's
 * {@code TCPSessionAdapter} (UpdateStateMachine, update_history, update_last_seq) and the
 * {@code conn_state} function of {@code base/protocols/conn/main.zeek}, so that {@link #connState}
 * and {@link #history} read as Zeek's conn.log does.
 *
 * <p>Differences from Zeek, all for lack of input rather than by choice: sequence numbers are
 * compared raw (Zeek compares relative ones; they differ only when an endpoint's initial sequence
 * number is re-learnt), endpoint "size" for REJ is the wire payload count, the letters {@code C}
 * (bad checksum), {@code G} (content gap), {@code W} (zero window) and {@code X} are never written
 * (no checksum, window or reassembly on this path), and the SYN/SYN-ACK role reversal Zeek applies
 * mid-connection is not applied. History is capped at {@link #MAX_HISTORY} letters.
 *
 * <p>{@link FlowEntry} extends it, so that a TCP packet finds its state through the entry it has
 * just looked up. The two endpoints and the history exist only while a TCP flow is live:
 * {@link #resetTcp} makes them when a TCP flow starts, {@link #releaseTcp} drops them when it ends.
 * A UDP or ICMP entry never has them, and a dormant key (kept one timeout after its flow ended, see
 * FlowTable) holds none of them either: on the flows benchmark that was 230 bytes for each of
 * 60 000 UDP entries and of up to 140 000 dormant TCP keys, all copied by every young collection.
 */
class TcpTracker {
    /** Longest history kept; a RST or SYN flood with changing sequence numbers cannot grow it further. */
    static final int MAX_HISTORY = 64;

    static final int INACTIVE = 0;
    static final int SYN_SENT = 1;
    static final int SYN_ACK_SENT = 2;
    static final int PARTIAL = 3;
    static final int ESTABLISHED = 4;
    static final int CLOSED = 5;
    static final int RESET = 6;

    // one bit per Zeek HIST_* class, kept per endpoint (Zeek shifts resp bits by 16 instead)
    private static final int HIST_SYN = 1;
    private static final int HIST_FIN = 2;
    private static final int HIST_RST = 4;
    private static final int HIST_FIN_RST = 8;
    private static final int HIST_DATA = 16;
    private static final int HIST_ACK = 32;
    private static final int HIST_MULTI_FLAG = 64;

    private static final long SEQ_MASK = 0xffffffffL;
    /** Zeek's TOO_LARGE_SEQ_DELTA: SYN/RST sequence jumps beyond this are not trusted. */
    private static final int TOO_LARGE_SEQ_DELTA = 1_048_576;
    /** conn_state's RSTOS0 test, {@code /\^?S[^HAFGIQ]*R.*}/ matched against the whole history. */
    private static final Pattern RSTOS0 = Pattern.compile("\\^?S[^HAFGIQ]*R.*");

    /** One side's state; {@link #reset} is its only initial state, for a new tracker and a reused one alike. */
    private static final class Endpoint {
        int state;
        int prevState;
        boolean didClose;
        long startSeq;
        long lastSeq;
        int histSeen;
        long lastSynSeq;
        long lastFinSeq;
        long lastRstSeq;
        long rxmit;
        long rxmitThreshold;

        Endpoint() {
            reset();
        }

        void reset() {
            state = INACTIVE;
            prevState = INACTIVE;
            didClose = false;
            startSeq = 0;
            lastSeq = 0;
            histSeen = 0;
            lastSynSeq = 0;
            lastFinSeq = 0;
            lastRstSeq = 0;
            rxmit = 0;
            rxmitThreshold = 1;
        }

        void setState(int s) {
            if (s != state) {
                prevState = state;
                state = s;
            }
        }
    }

    /** Null while no TCP flow is live (see the class doc). */
    private Endpoint orig;
    private Endpoint resp;
    private StringBuilder history;
    private boolean closeComplete;

    /** The state of a new connection, for a TCP flow that starts. */
    final void resetTcp() {
        if (orig == null) {
            orig = new Endpoint();
            resp = new Endpoint();
            history = new StringBuilder(12);
        } else {
            orig.reset();
            resp.reset();
            history.setLength(0);
        }
        closeComplete = false;
    }

    /** Drops the state once the flow has ended and {@link #history} and {@link #connState} were read. */
    final void releaseTcp() {
        orig = null;
        resp = null;
        history = null;
        closeComplete = false;
    }

    /** Records Zeek's '^': the roles were flipped by the port heuristic before the first packet. */
    void flipped() {
        if (orig == null) {
            resetTcp(); // as in onSegment
        }
        add('^');
    }

    /**
     * One segment.
     *
     * @param flags TCP flags byte
     * @param seq   sequence number, unsigned 32-bit
     * @param len   payload length on the wire
     */
    void onSegment(boolean fromOrig, int flags, long seq, int len) {
        if (orig == null) {
            resetTcp(); // a tracker used on its own, without FlowTable's resetTcp at the flow's start
        }
        Endpoint ep = fromOrig ? orig : resp;
        Endpoint peer = fromOrig ? resp : orig;
        boolean syn = (flags & Packet.TCP_SYN) != 0;
        boolean fin = (flags & Packet.TCP_FIN) != 0;
        boolean rst = (flags & Packet.TCP_RST) != 0;
        boolean ack = (flags & Packet.TCP_ACK) != 0;

        // get_segment_len: SYN and FIN take a sequence number each; a RST's data is not stream data
        int segLen = len + (syn ? 1 : 0) + (fin ? 1 : 0) - (rst ? len : 0);
        long onePast = (seq + segLen) & SEQ_MASK;

        initEndpoint(ep, syn, seq, onePast);
        updateHistory(ep, fromOrig, syn, fin, rst, ack, seq, len);
        updateLastSeq(ep, fromOrig, onePast, syn, fin, rst, len);
        if (updateStateMachine(ep, peer, fromOrig, syn, fin, rst, ack, len)) {
            connectionClosed(ep, peer);
        }
    }

    private static void initEndpoint(Endpoint ep, boolean syn, long seq, long onePast) {
        switch (ep.state) {
            case INACTIVE -> {
                if (syn) {
                    ep.startSeq = seq;
                    ep.lastSeq = onePast;
                } else {
                    // a partial connection: number as though a SYN came just before, and do not
                    // count this first segment as a retransmission
                    ep.startSeq = (seq - 1) & SEQ_MASK;
                    ep.lastSeq = seq;
                }
            }
            case SYN_SENT, SYN_ACK_SENT -> {
                if (syn && seq != ep.startSeq) {
                    ep.startSeq = seq;
                    ep.lastSeq = onePast;
                }
            }
            case ESTABLISHED, PARTIAL -> {
                if (syn) {
                    ep.startSeq = seq;
                    ep.lastSeq = onePast;
                }
            }
            case RESET -> {
                if (syn && ep.prevState == INACTIVE) {
                    ep.startSeq = seq;
                    ep.lastSeq = onePast;
                }
            }
            default -> {
            }
        }
    }

    private void updateHistory(Endpoint ep, boolean fromOrig, boolean syn, boolean fin, boolean rst, boolean ack,
                               long seq, int len) {
        int bits = (syn ? 1 : 0) + (fin ? 1 : 0) + (rst ? 1 : 0);
        if (bits > 1) {
            if (fin && rst) {
                checkHistory(ep, fromOrig, HIST_FIN_RST, 'I');
            } else {
                checkHistory(ep, fromOrig, HIST_MULTI_FLAG, 'Q');
            }
        } else if (bits == 1) {
            // S, H, F, R repeat when the sequence number differs from the last one of that kind
            if (syn) {
                char code = ack ? 'H' : 'S';
                if (checkHistory(ep, fromOrig, HIST_SYN, code) && seq != ep.lastSynSeq) {
                    add(fromOrig, code);
                }
                ep.lastSynSeq = seq;
            }
            if (fin) {
                // a FIN's sequence number is the one after its data
                long finSeq = (seq + len) & SEQ_MASK;
                if (checkHistory(ep, fromOrig, HIST_FIN, 'F') && finSeq != ep.lastFinSeq) {
                    add(fromOrig, 'F');
                }
                ep.lastFinSeq = finSeq;
            }
            if (rst) {
                if (checkHistory(ep, fromOrig, HIST_RST, 'R') && seq != ep.lastRstSeq) {
                    add(fromOrig, 'R');
                }
                ep.lastRstSeq = seq;
            }
        } else if (len > 0) {
            checkHistory(ep, fromOrig, HIST_DATA, 'D');
        } else if (ack) {
            checkHistory(ep, fromOrig, HIST_ACK, 'A');
        }
    }

    /** Zeek's CheckHistory: adds the letter the first time; true when it had been seen before. */
    private boolean checkHistory(Endpoint ep, boolean fromOrig, int mask, char code) {
        if ((ep.histSeen & mask) == 0) {
            ep.histSeen |= mask;
            add(fromOrig, code);
            return false;
        }
        return true;
    }

    private void updateLastSeq(Endpoint ep, boolean fromOrig, long onePast, boolean syn, boolean fin, boolean rst,
                               int len) {
        int delta = (int) (onePast - ep.lastSeq);
        if ((syn || rst) && (delta > TOO_LARGE_SEQ_DELTA || delta < -TOO_LARGE_SEQ_DELTA)) {
            return; // not trusted
        }
        if (fin && ep.lastSeq == ((ep.startSeq + 1) & SEQ_MASK)) {
            ep.lastSeq = onePast; // only SYN and FIN seen: accept the FIN even if it looks old (> 2 GB flows)
        } else if (ep.state == RESET) {
            return; // nothing after a RST is trusted
        } else if (delta > 0) {
            ep.lastSeq = onePast;
        } else if (len > 0) {
            // retransmitted payload: 't' at the 1st, 10th, 100th ... (Zeek's ScaledHistoryEntry)
            if (++ep.rxmit == ep.rxmitThreshold) {
                add(fromOrig, 'T');
                ep.rxmitThreshold *= 10;
            }
        }
    }

    /** Returns true when this segment closes its endpoint (Zeek's do_close). */
    private boolean updateStateMachine(Endpoint ep, Endpoint peer, boolean fromOrig, boolean syn, boolean fin,
                                       boolean rst, boolean ack, int len) {
        boolean doClose = false;
        switch (ep.state) {
            case INACTIVE -> {
                if (syn) {
                    if (fromOrig) {
                        ep.setState(ack ? SYN_ACK_SENT : SYN_SENT);
                    } else {
                        if (peer.state == SYN_SENT) {
                            peer.setState(ESTABLISHED);
                        }
                        ep.setState(ESTABLISHED);
                    }
                }
                if (fin) {
                    ep.setState(CLOSED);
                    doClose = true;
                }
                if (rst) {
                    ep.setState(RESET);
                    doClose = true;
                }
                if (ep.state == INACTIVE) {
                    if (!fromOrig && len == 0 && orig.state == SYN_SENT) {
                        // some stacks ACK a SYN before their SYN-ACK: not a partial connection yet
                        return false;
                    } else if (ack && peer.state == ESTABLISHED) {
                        ep.setState(ESTABLISHED); // the SYN was missed, the handshake was not
                    } else {
                        ep.setState(PARTIAL);
                    }
                }
            }
            case SYN_SENT, SYN_ACK_SENT -> {
                if (fin) {
                    ep.setState(CLOSED);
                    doClose = true;
                }
                if (rst) {
                    ep.setState(RESET);
                    doClose = true;
                }
            }
            case ESTABLISHED, PARTIAL -> {
                if (syn && ep.state == PARTIAL && peer.state == INACTIVE && !ack) {
                    ep.setState(SYN_SENT);
                }
                if (fin && !rst) {
                    ep.setState(CLOSED);
                    if (peer.state == RESET && peer.prevState == CLOSED) {
                        peer.setState(CLOSED); // FIN then RST from the peer was a normal close
                    }
                    doClose = true;
                }
                if (rst) {
                    ep.setState(RESET);
                    doClose = true;
                }
            }
            case CLOSED -> {
                if (rst && peer.state != CLOSED) {
                    ep.setState(RESET);
                    doClose = !ep.didClose;
                }
            }
            default -> {
            }
        }
        return doClose;
    }

    private void connectionClosed(Endpoint ep, Endpoint peer) {
        if (ep.didClose) {
            return;
        }
        ep.didClose = true;
        if (ep.state == RESET || peer.didClose || peer.state == INACTIVE) {
            closeComplete = true;
        }
    }

    /**
     * True once Zeek would consider the connection over (both sides closed, a RST, or a close with
     * a silent peer): the table then keeps it only for a short linger.
     */
    boolean closeComplete() {
        return closeComplete;
    }

    int origState() {
        return orig == null ? INACTIVE : orig.state;
    }

    int respState() {
        return resp == null ? INACTIVE : resp.state;
    }

    String history() {
        return history == null ? "" : history.toString();
    }

    /**
     * Zeek's conn_state for TCP; {@code origBytes}/{@code respBytes} stand for the endpoint sizes
     * (only compared with zero, for REJ).
     */
    String connState(long origBytes, long respBytes) {
        int os = origState();
        int rs = respState();
        boolean oInactive = os == INACTIVE || os == PARTIAL;
        boolean rInactive = rs == INACTIVE || rs == PARTIAL;
        if (rs == RESET) {
            if (os == SYN_SENT || os == SYN_ACK_SENT || (os == RESET && origBytes == 0 && respBytes == 0)) {
                return "REJ";
            }
            return oInactive ? "RSTRH" : "RSTR";
        }
        if (os == RESET) {
            if (rInactive) {
                return RSTOS0.matcher(history()).matches() ? "RSTOS0" : "OTH";
            }
            return "RSTO";
        }
        if (rs == CLOSED && os == CLOSED) {
            return "SF";
        }
        if (os == CLOSED) {
            return rInactive ? "SH" : "S2";
        }
        if (rs == CLOSED) {
            return oInactive ? "SHR" : "S3";
        }
        if (os == SYN_SENT && rs == INACTIVE) {
            return "S0";
        }
        if (os == ESTABLISHED && rs == ESTABLISHED) {
            return "S1";
        }
        return "OTH";
    }

    private void add(boolean fromOrig, char upper) {
        add(fromOrig ? upper : Character.toLowerCase(upper));
    }

    private void add(char c) {
        if (history.length() < MAX_HISTORY) {
            history.append(c);
        }
    }
}
