package dev.savoir.kb.imports.internal;

import dev.savoir.kb.io.ImportRejectedException;
import dev.savoir.kb.io.RejectedRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one page of a Help Center API list response ({@code {"articles": [ {...}, ... ], "next_page": ...}}): the
 * objects of its array, each with the line it starts on. A file that is not such a response is refused with an
 * {@link ImportRejectedException} naming the file and line.
 */
public final class JsonItems {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final ObjectReader NODE = MAPPER.readerFor(JsonNode.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** One object of the array and the line where it starts. */
    public record Item(long line, JsonNode node) {
    }

    private JsonItems() {
    }

    /**
     * The objects of the array under {@code key}.
     *
     * @param name the file's name for error reports (relative to the export folder)
     * @param maxBytes the largest file accepted
     */
    public static List<Item> read(Path file, String name, String key, long maxBytes) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw refused(name, 0, Files.isSymbolicLink(file) ? "is a symbolic link: export the real file"
                        : "is missing from the export folder");
            }
            if (Files.size(file) > maxBytes) {
                throw refused(name, 0, "is " + Files.size(file) + " bytes, over the limit of " + maxBytes);
            }
        } catch (IOException e) {
            throw refused(name, 0, "cannot be read: " + e.getMessage());
        }
        List<Item> items = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file); JsonParser p = MAPPER.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw refused(name, p.currentTokenLocation().getLineNr(), "a Help Center API response starts with "
                        + "'{' and holds \"" + key + "\": [...]");
            }
            boolean found = false;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (!field.equals(key)) {
                    p.skipChildren();
                    continue;
                }
                if (value != JsonToken.START_ARRAY) {
                    throw refused(name, p.currentTokenLocation().getLineNr(), "\"" + key + "\" must be an array");
                }
                found = true;
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    long line = p.currentTokenLocation().getLineNr();
                    if (t != JsonToken.START_OBJECT) {
                        throw refused(name, line, "every element of \"" + key + "\" must be an object");
                    }
                    items.add(new Item(line, NODE.readValue(p)));
                }
            }
            if (!found) {
                throw refused(name, 0, "has no \"" + key + "\" array: export the response of the Help Center API");
            }
            if (p.nextToken() != null) {
                throw refused(name, p.currentTokenLocation().getLineNr(), "unexpected content after the response");
            }
        } catch (JacksonException e) {
            throw refused(name, e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr()),
                    "not valid JSON: " + String.valueOf(e.getOriginalMessage()).replace('\n', ' '));
        } catch (IOException e) {
            throw refused(name, 0, "cannot be read: " + e.getMessage());
        }
        return items;
    }

    /** A text field, or "" when it is missing or null. */
    public static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asString();
    }

    /** A refusal of the whole file. */
    public static ImportRejectedException refused(String file, long line, String reason) {
        return new ImportRejectedException(List.of(new RejectedRecord(file, Math.max(0, line), null, reason)), 0);
    }
}
