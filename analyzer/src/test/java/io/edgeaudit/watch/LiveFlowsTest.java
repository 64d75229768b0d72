package io.edgeaudit.watch;

import io.edgeaudit.flow.Flow;
import io.edgeaudit.net.IpAddress;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveFlowsTest {
    private static Flow flow(String uid, long tsFirst) {
        return new Flow(uid, 6, IpAddress.parse("203.0.113.5"), 40000, IpAddress.parse("198.51.100.21"), 5061,
                0, 0, 0, "eth1", null, false, 0, tsFirst);
    }

    @Test
    void handsOutTheFlowsOlderThanAWindowOnceOldestFirst() {
        LiveFlows live = new LiveFlows();
        Flow a = flow("F1", 100);
        Flow b = flow("F2", 200);
        Flow c = flow("F3", 300);
        for (Flow f : List.of(a, b, c)) {
            assertTrue(live.wants(f), "every flow is followed");
        }
        assertEquals(List.of(a, b), live.takeStartedBefore(250));
        assertEquals(List.of(), live.takeStartedBefore(250), "judged while live once only");
        assertEquals(List.of(c), live.takeStartedBefore(1000));
        assertEquals(3, live.size());
    }

    @Test
    void endedFlowsAreForgottenJudgedOrNot() {
        LiveFlows live = new LiveFlows();
        Flow a = flow("F1", 100);
        Flow b = flow("F2", 200);
        live.wants(a);
        live.wants(b);
        live.takeStartedBefore(150);
        live.flowEnded(a);
        live.flowEnded(b);
        assertEquals(0, live.size());
        assertEquals(List.of(), live.takeStartedBefore(Long.MAX_VALUE));
    }
}
