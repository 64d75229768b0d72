package io.edgeaudit.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.edgeaudit.flow.Flow;
import io.edgeaudit.flow.FlowSink;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Streams flows as one JSON array of objects, one object per flow as it ends (Jackson's
 * {@link JsonGenerator}: nothing is held back). Field names are {@link FlowFields#COLUMNS}; numbers
 * are numbers, first_packets an array of "file#n", absent values null. Write failures surface as
 * {@link UncheckedIOException} from {@link #flowEnded}.
 */
public final class FlowJsonWriter implements FlowSink, Closeable {
    private final JsonGenerator json;

    /** Writes to {@code out}, which {@link #close()} flushes but does not close. */
    public FlowJsonWriter(Writer out) throws IOException {
        json = new JsonFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.writeStartArray();
    }

    @Override
    public void flowEnded(Flow flow) {
        Object[] row = FlowFields.values(flow);
        try {
            json.writeStartObject();
            for (int i = 0; i < row.length; i++) {
                json.writeFieldName(FlowFields.COLUMNS.get(i));
                Object v = row[i];
                if (v == null) {
                    json.writeNull();
                } else if (v instanceof Long l) {
                    json.writeNumber(l);
                } else if (v instanceof Integer n) {
                    json.writeNumber(n);
                } else if (v instanceof Boolean b) {
                    json.writeBoolean(b);
                } else if (v instanceof List<?> list) {
                    json.writeStartArray();
                    for (Object o : list) {
                        json.writeString(o.toString());
                    }
                    json.writeEndArray();
                } else {
                    json.writeString(v.toString());
                }
            }
            json.writeEndObject();
            json.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        json.writeEndArray();
        json.writeRaw('\n');
        json.close();
    }
}
