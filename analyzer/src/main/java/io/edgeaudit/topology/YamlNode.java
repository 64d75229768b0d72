package io.edgeaudit.topology;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value with the line and column (1-based) where it starts, so every error in a topology can
 * name its place. Immutable.
 */
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {
    int line();

    int column();

    /** "a mapping", "a list", "a value": for error messages. */
    String what();

    /** A mapping; keys in file order. {@code keys} holds where each key was written. */
    record Mapping(int line, int column, Map<String, YamlNode> entries, Map<String, int[]> keys) implements YamlNode {
        public Mapping {
            entries = new LinkedHashMap<>(entries);
            keys = new LinkedHashMap<>(keys);
        }

        @Override
        public String what() {
            return "a mapping";
        }
    }

    record Sequence(int line, int column, List<YamlNode> items) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String what() {
            return "a list";
        }
    }

    /** A scalar as written; {@code text} is null for YAML null ({@code ~}, empty). */
    record Scalar(int line, int column, String text) implements YamlNode {
        @Override
        public String what() {
            return text == null ? "nothing" : "a value";
        }
    }
}
