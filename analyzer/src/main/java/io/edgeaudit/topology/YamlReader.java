package io.edgeaudit.topology;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML text into {@link YamlNode}s that remember where each value was written, through
 * Jackson's streaming YAML parser (its token locations carry line and column). Duplicate keys are
 * errors; nesting is capped so a hostile file cannot exhaust the stack.
 */
final class YamlReader {
    /** Deeper than any topology needs; guards recursion. */
    static final int MAX_DEPTH = 32;

    private final String file;

    YamlReader(String file) {
        this.file = file;
    }

    /** @throws TopologyException naming file, line and column when the text is not YAML or breaks a limit */
    YamlNode read(String text) {
        try (JsonParser p = new YAMLFactory().createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new TopologyException(file, 1, 1, "empty file (expected: a topology mapping)");
            }
            YamlNode root = value(p, 0);
            if (p.nextToken() != null) {
                JsonLocation l = p.currentTokenLocation();
                throw new TopologyException(file, l.getLineNr(), l.getColumnNr(), "more than one YAML document");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            String msg = e.getOriginalMessage().lines().findFirst().orElse("malformed YAML");
            throw new TopologyException(file, l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr(),
                    "not valid YAML: " + msg);
        } catch (IOException e) {
            throw new TopologyException(file, 0, 0, "cannot read: " + e.getMessage());
        }
    }

    private YamlNode value(JsonParser p, int depth) throws IOException {
        JsonLocation at = p.currentTokenLocation();
        int line = at.getLineNr();
        int col = at.getColumnNr();
        if (depth > MAX_DEPTH) {
            throw new TopologyException(file, line, col, "nesting deeper than " + MAX_DEPTH + " levels");
        }
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, YamlNode> entries = new LinkedHashMap<>();
                Map<String, int[]> keys = new HashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    JsonLocation kl = p.currentTokenLocation();
                    String key = p.currentName();
                    if (entries.containsKey(key)) {
                        throw new TopologyException(file, kl.getLineNr(), kl.getColumnNr(), "duplicate key '" + key
                                + "' (first at line " + keys.get(key)[0] + ")");
                    }
                    keys.put(key, new int[] {kl.getLineNr(), kl.getColumnNr()});
                    p.nextToken();
                    entries.put(key, value(p, depth + 1));
                }
                return new YamlNode.Mapping(line, col, entries, keys);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(p, depth + 1));
                }
                return new YamlNode.Sequence(line, col, items);
            }
            case VALUE_NULL -> {
                return new YamlNode.Scalar(line, col, null);
            }
            default -> {
                return new YamlNode.Scalar(line, col, p.getText());
            }
        }
    }
}
