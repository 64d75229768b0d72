package io.edgeaudit.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DurationConverterTest {
    @ParameterizedTest
    @CsvSource({"30s, PT30S", "90m, PT1H30M", "24h, PT24H", "7d, PT168H", "250ms, PT0.25S", "PT2H, PT2H"})
    void acceptsShortAndIsoForms(String text, String expected) {
        assertEquals(Duration.parse(expected), new DurationConverter().convert(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",           // nothing
            "24",         // no unit
            "1w",         // weeks are not a unit
            "0s",         // not positive
            "-5m",        // negative
            "PT-1H",      // negative ISO
            "9999999999h" // too many digits for the short form, not ISO either
    })
    void rejectsWithAOneLineReason(String text) {
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> new DurationConverter().convert(text));
        assertEquals(1, e.getMessage().lines().count());
    }
}
