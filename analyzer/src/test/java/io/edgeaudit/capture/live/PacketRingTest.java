package io.edgeaudit.capture.live;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacketRingTest {

    @Test
    void deliversFramesInOrderWithTheirTimestampAndLength() {
        PacketRing ring = new PacketRing(4);
        byte[] a = {1};
        byte[] b = {2, 2};
        assertTrue(ring.put(a, 100, 60));
        assertTrue(ring.put(b, 200, 1514));
        int s = ring.poll(0);
        assertArrayEquals(a, ring.data(s));
        assertEquals(100, ring.timestampNanos(s));
        assertEquals(60, ring.originalLength(s));
        ring.release();
        s = ring.poll(0);
        assertArrayEquals(b, ring.data(s));
        assertEquals(1514, ring.originalLength(s));
        ring.release();
        assertEquals(-1, ring.poll(1_000_000));
    }

    @Test
    void pollTimesOutWhenEmpty() {
        PacketRing ring = new PacketRing(2);
        long t0 = System.nanoTime();
        assertEquals(-1, ring.poll(TimeUnit.MILLISECONDS.toNanos(20)));
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void queuedFramesSurviveCloseThenPollReportsTheEnd() {
        PacketRing ring = new PacketRing(2);
        ring.put(new byte[] {7}, 1, 1);
        ring.close();
        assertFalse(ring.put(new byte[] {8}, 2, 1) && ring.size() > 2, "a closed ring takes no more than its capacity");
        int s = ring.poll(0);
        assertEquals(7, ring.data(s)[0]);
        ring.release();
    }

    @Test
    void fullRingBlocksTheProducerUntilTheConsumerFreesASlot() throws Exception {
        PacketRing ring = new PacketRing(2);
        ring.put(new byte[] {1}, 1, 1);
        ring.put(new byte[] {2}, 2, 1);
        AtomicReference<Boolean> third = new AtomicReference<>();
        Thread producer = new Thread(() -> third.set(ring.put(new byte[] {3}, 3, 1)));
        producer.start();
        producer.join(200);
        assertTrue(producer.isAlive(), "producer waits while the ring is full");
        ring.poll(0);
        ring.release();
        producer.join(5000);
        assertEquals(Boolean.TRUE, third.get());
        assertEquals(2, ring.size());
    }

    @Test
    void closeReleasesAProducerWaitingOnAFullRing() throws Exception {
        PacketRing ring = new PacketRing(2);
        ring.put(new byte[] {1}, 1, 1);
        ring.put(new byte[] {2}, 2, 1);
        AtomicReference<Boolean> third = new AtomicReference<>();
        Thread producer = new Thread(() -> third.set(ring.put(new byte[] {3}, 3, 1)));
        producer.start();
        producer.join(100);
        ring.close();
        producer.join(5000);
        assertEquals(Boolean.FALSE, third.get());
    }

    @Test
    void oneMillionFramesCrossThreadsWithoutLossOrReordering() throws Exception {
        PacketRing ring = new PacketRing(1024);
        int n = 1_000_000;
        byte[] frame = new byte[1];
        Thread producer = new Thread(() -> {
            for (int i = 0; i < n; i++) {
                ring.put(frame, i, i);
            }
            ring.close();
        });
        producer.start();
        long expected = 0;
        int s;
        while ((s = ring.poll(TimeUnit.SECONDS.toNanos(5))) >= 0) {
            assertEquals(expected, ring.timestampNanos(s));
            expected++;
            ring.release();
        }
        producer.join();
        assertEquals(n, expected);
    }

    @Test
    void capacityMustBeAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new PacketRing(3));
        assertThrows(IllegalArgumentException.class, () -> new PacketRing(1));
    }
}
