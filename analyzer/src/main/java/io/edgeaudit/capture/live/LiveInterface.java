package io.edgeaudit.capture.live;

import java.util.List;

/**
 * A capture device as libpcap lists it (pcap_findalldevs).
 *
 * @param name        the device name to pass to {@code watch --interface}
 * @param description libpcap's description, or null
 * @param addresses   the interface's IP addresses as text with prefix length when known ("192.0.2.1/24")
 * @param up          IFF_UP
 * @param running     IFF_RUNNING (link detected)
 * @param loopback    IFF_LOOPBACK
 */
public record LiveInterface(String name, String description, List<String> addresses,
                            boolean up, boolean running, boolean loopback) {
    public LiveInterface {
        addresses = List.copyOf(addresses);
    }
}
