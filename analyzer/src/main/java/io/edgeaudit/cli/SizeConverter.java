package io.edgeaudit.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a byte size: "100MB", "64MiB", "1GB", "512k", "1048576". Decimal units (kB, MB, GB) are
 * powers of 1000, binary ones (KiB, MiB, GiB) and the bare letters k/m/g powers of 1024, as
 * tcpdump's {@code -C} counts millions and libpcap's buffer sizes count bytes.
 */
public final class SizeConverter implements ITypeConverter<Long> {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*([a-z]*)");

    @Override
    public Long convert(String value) {
        Matcher m = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not a size (expected: e.g. 100MB, 64MiB, 1GB)");
        }
        long n = Long.parseLong(m.group(1));
        long unit = switch (m.group(2)) {
            case "", "b" -> 1L;
            case "kb" -> 1000L;
            case "mb" -> 1000L * 1000;
            case "gb" -> 1000L * 1000 * 1000;
            case "k", "kib" -> 1L << 10;
            case "m", "mib" -> 1L << 20;
            case "g", "gib" -> 1L << 30;
            default -> throw new TypeConversionException("'" + value + "': unknown unit '" + m.group(2)
                    + "' (expected: B, kB, MB, GB, KiB, MiB, GiB)");
        };
        if (n == 0 || n > Long.MAX_VALUE / unit) {
            throw new TypeConversionException("'" + value + "' is out of range (expected: a positive size)");
        }
        return n * unit;
    }
}
