package io.edgeaudit.capture.live;

import io.edgeaudit.net.IpAddress;
import org.pcap4j.core.PcapAddress;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.Pcaps;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** Lists the interfaces libpcap can capture on. */
public final class LiveInterfaces {
    private LiveInterfaces() {
    }

    /**
     * @return the devices in libpcap's order (the one it would pick by default first)
     * @throws LiveCaptureException when libpcap is missing or cannot list devices
     */
    public static List<LiveInterface> list() throws LiveCaptureException {
        LiveLibrary.check();
        List<PcapNetworkInterface> devs;
        try {
            devs = Pcaps.findAllDevs();
        } catch (PcapNativeException e) {
            throw LiveErrors.translate("*", e);
        }
        List<LiveInterface> out = new ArrayList<>(devs.size());
        for (PcapNetworkInterface d : devs) {
            List<String> addrs = new ArrayList<>();
            for (PcapAddress a : d.getAddresses()) {
                InetAddress ip = a.getAddress();
                if (ip == null) {
                    continue;
                }
                String text = IpAddress.copyOf(ip.getAddress(), 0, ip.getAddress().length).toString();
                InetAddress mask = a.getNetmask();
                if (mask != null && mask.getAddress().length == ip.getAddress().length) {
                    text += "/" + prefixLength(mask.getAddress());
                }
                addrs.add(text);
            }
            out.add(new LiveInterface(d.getName(), d.getDescription(), addrs, d.isUp(), d.isRunning(), d.isLoopBack()));
        }
        return out;
    }

    /** Leading one bits of a netmask (a non-contiguous mask counts its leading ones only). */
    static int prefixLength(byte[] mask) {
        int n = 0;
        for (byte b : mask) {
            int ones = Integer.numberOfLeadingZeros(~(b & 0xff) & 0xff) - 24;
            n += ones;
            if (ones < 8) {
                break;
            }
        }
        return n;
    }
}
