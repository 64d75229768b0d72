package io.edgeaudit.capture.live;

import io.edgeaudit.capture.live.LiveCaptureException.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pcap4j.core.PcapNativeException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveErrorsTest {

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # libpcap text (as pcap_activate/pcap_geterr give it)         | return code | reason
            eth9: You don't have permission to perform this capture on that device (socket: Operation not permitted) | -8 | PERMISSION
            socket: Operation not permitted                                 | -1 | PERMISSION
            No such device exists (SIOCGIFINDEX: No such device)           | -5 | NO_SUCH_INTERFACE
            eth9: That device is not up                                     | -9 | NO_SUCH_INTERFACE
            The interface went down                                         | -1 | NO_SUCH_INTERFACE
            Error occurred: recvfrom: Network is down                      | -1 | CAPTURE_FAILED
            """)
    void classifiesLibpcapFailures(String text, int rc, Reason expected) {
        LiveCaptureException e = LiveErrors.translate("eth9", new PcapNativeException(text, rc));
        assertEquals(expected, e.reason());
        assertTrue(e.getMessage().startsWith("live:eth9: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            eth9: no permission | -8
            """)
    void permissionMessageSaysHowToGrantIt(String text, int rc) {
        String m = LiveErrors.translate("eth9", new PcapNativeException(text, rc)).getMessage();
        assertTrue(m.contains("run as root"), m);
        assertTrue(m.contains("setcap cap_net_raw,cap_net_admin=eip $(readlink -f $(which java))"), m);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Error occurred in pcap_compile: can't parse filter expression: syntax error | can't parse filter expression: syntax error
            Error occurred in pcap_setfilter: bad | bad
            plain libpcap text                    | plain libpcap text
            """)
    void keepsLibpcapsWordsAndDropsPcap4jsPrefix(String raw, String expected) {
        assertEquals(expected, LiveErrors.stripPcap4jPrefix(raw));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            a\\nb          | a; b
            '  x \\r\\n '  | x
            """)
    void messagesAreOneLine(String raw, String expected) {
        assertEquals(expected, LiveCaptureException.oneLine(raw.replace("\\n", "\n").replace("\\r", "\r")));
    }
}
