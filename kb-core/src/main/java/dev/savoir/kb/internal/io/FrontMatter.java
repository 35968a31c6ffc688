package dev.savoir.kb.internal.io;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** YAML front matter: {@code ---}, YAML, {@code ---}, then the Markdown body, kept byte for byte. */
public final class FrontMatter {
    /** The largest front matter read. */
    static final int MAX_CHARS = 64 * 1024;
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .disable(YAMLWriteFeature.SPLIT_LINES)
            .build();

    /** A parsed file: its keys, its body, and the line where the body starts. */
    public record Parsed(ObjectNode keys, String body) {
    }

    private FrontMatter() {
    }

    /** Writes keys (in order) and a body. */
    public static String write(Map<String, Object> keys, String body) {
        return "---\n" + YAML.writeValueAsString(keys) + "---\n" + body;
    }

    /**
     * Parses a file.
     *
     * @throws IllegalArgumentException with a readable message if it has no valid front matter
     */
    public static Parsed parse(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        int first = t.indexOf('\n');
        if (first < 0 || !t.substring(0, first).strip().equals("---")) {
            throw new IllegalArgumentException("line 1: a Markdown article starts with '---' and YAML front matter");
        }
        int pos = first + 1;
        int end = -1;
        int bodyStart = -1;
        while (pos <= t.length()) {
            int nl = t.indexOf('\n', pos);
            String line = nl < 0 ? t.substring(pos) : t.substring(pos, nl);
            if (line.strip().equals("---") || line.strip().equals("...")) {
                end = pos;
                bodyStart = nl < 0 ? t.length() : nl + 1;
                break;
            }
            if (nl < 0) {
                break;
            }
            pos = nl + 1;
            if (pos - first > MAX_CHARS) {
                throw new IllegalArgumentException("the front matter is over " + MAX_CHARS + " characters");
            }
        }
        if (end < 0) {
            throw new IllegalArgumentException("the front matter is not closed by a '---' line");
        }
        String yaml = t.substring(first + 1, end);
        JsonNode node;
        try {
            node = yaml.isBlank() ? YAML.createObjectNode() : YAML.readTree(yaml);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the front matter is not valid YAML: " + IoSupport.reason(e), e);
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            node = YAML.createObjectNode();
        }
        if (!(node instanceof ObjectNode obj)) {
            throw new IllegalArgumentException("the front matter must be a YAML mapping of keys to values");
        }
        return new Parsed(obj, t.substring(bodyStart));
    }
}
