package io.edgeaudit.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.TypeConversionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SizeConverterTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(textBlock = """
            100MB,   100000000
            100 MB,  100000000
            64MiB,   67108864
            64m,     67108864
            1GB,     1000000000
            1GiB,    1073741824
            512k,    524288
            2kB,     2000
            1048576, 1048576
            """)
    void parsesDecimalAndBinaryUnits(String text, long bytes) {
        assertEquals(bytes, new SizeConverter().convert(text));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''            | is not a size
            -5MB          | is not a size
            12parsecs     | unknown unit 'parsecs'
            0MB           | out of range
            99999999999GB | out of range
            1.5GB         | is not a size
            """)
    void rejectsWhatIsNotASize(String text, String reason) {
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> new SizeConverter().convert(text));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
