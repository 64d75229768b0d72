package io.edgeaudit.watch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * The two ends of the traffic in {@link WatchLiveTest}, run as {@code ip netns exec NS java ... NetnsPeer}
 * because a process, not a thread, lives in a network namespace. Bounded: every socket has a timeout
 * and the server exits after the seconds it is given.
 *
 * <pre>
 * server ADDR SECONDS   TCP 5061 and UDP 3478 echo on ADDR; prints "ready"
 * client ADDR           3 TCP 5061 exchanges, 2 UDP 3478 exchanges, 1 TCP 3389 attempt (refused)
 * </pre>
 */
public final class NetnsPeer {
    private NetnsPeer() {
    }

    public static void main(String[] args) throws Exception {
        InetAddress addr = InetAddress.getByName(args[1]);
        if (args[0].equals("server")) {
            server(addr, Integer.parseInt(args[2]));
        } else {
            client(addr);
        }
    }

    private static void server(InetAddress addr, int seconds) throws IOException, InterruptedException {
        try (ServerSocket tcp = new ServerSocket(5061, 16, addr); DatagramSocket udp = new DatagramSocket(3478, addr)) {
            Thread t = new Thread(() -> {
                while (!tcp.isClosed()) {
                    try (Socket s = tcp.accept()) {
                        s.setSoTimeout(2000);
                        byte[] b = new byte[100];
                        int n = s.getInputStream().read(b);
                        s.getOutputStream().write(("ok " + Math.max(n, 0)).getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            Thread u = new Thread(() -> {
                byte[] b = new byte[2000];
                while (!udp.isClosed()) {
                    try {
                        DatagramPacket p = new DatagramPacket(b, b.length);
                        udp.receive(p);
                        udp.send(new DatagramPacket(b, p.getLength(), p.getSocketAddress()));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            u.setDaemon(true);
            u.start();
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(seconds * 1000L);
        }
    }

    private static void client(InetAddress edge) throws IOException {
        for (int i = 0; i < 3; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(edge, 5061), 2000);
                s.setSoTimeout(2000);
                OutputStream out = s.getOutputStream();
                out.write("hello".getBytes(StandardCharsets.US_ASCII));
                InputStream in = s.getInputStream();
                if (in.read(new byte[100]) <= 0) {
                    throw new IOException("no answer on 5061");
                }
            }
        }
        try (DatagramSocket u = new DatagramSocket()) {
            u.setSoTimeout(2000);
            for (int i = 0; i < 2; i++) {
                byte[] b = ("probe " + i).getBytes(StandardCharsets.US_ASCII);
                u.send(new DatagramPacket(b, b.length, edge, 3478));
                u.receive(new DatagramPacket(new byte[100], 100));
            }
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(edge, 3389), 2000);
            throw new IOException("3389 accepted a connection (expected: refused)");
        } catch (ConnectException | SocketTimeoutException expected) {
            System.out.println("3389 refused");
        }
        System.out.println("done");
    }
}
