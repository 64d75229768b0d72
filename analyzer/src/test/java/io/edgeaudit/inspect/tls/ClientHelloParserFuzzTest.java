package io.edgeaudit.inspect.tls;

import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz target for {@link ClientHelloParser}: arbitrary stream bytes, parsed whole and at an offset
 * inside a larger buffer. Nothing may escape; a name never exceeds {@link ClientHelloParser#MAX_NAME}.
 *
 * <p>{@code mvn test} runs only the seeds in {@code ClientHelloParserFuzzTestInputs/} (regression
 * mode); {@code analyzer/fuzz.sh} fuzzes for real. Every crash found becomes a seed there.
 */
class ClientHelloParserFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void parsesArbitraryStreamStartsWithoutEscaping(byte[] input) {
        check(ClientHelloParser.parse(input, 0, input.length));
        byte[] framed = new byte[input.length + 7];
        System.arraycopy(input, 0, framed, 3, input.length);
        check(ClientHelloParser.parse(framed, 3, input.length));
    }

    private static void check(ClientHelloParser.Result r) {
        assertTrue(r.serverName() == null || r.serverName().length() <= ClientHelloParser.MAX_NAME);
        assertTrue(r.status() != ClientHelloParser.Status.MALFORMED || !r.problem().isEmpty());
    }
}
