package dev.savoir.kb.io;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleArchive;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KbException;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.internal.Check;
import dev.savoir.kb.internal.Json;
import dev.savoir.kb.internal.gate.InputLimits;
import dev.savoir.kb.internal.io.ArchiveJson;
import dev.savoir.kb.internal.io.Importer;
import dev.savoir.kb.internal.io.Importer.Located;
import dev.savoir.kb.internal.io.IoSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

/**
 * The complete, lossless format: every article with its state, every revision of every translation, its audit
 * trail and its feedback aggregates. Written and read with Jackson's streaming API, one article at a time, so that
 * the size of a knowledge base does not matter; each article field by field, never by reflection over the API
 * records (unknown fields are ignored on import, so that an export that only adds fields stays readable).
 *
 * <p>The file is one JSON object: a header ({@code "format": "savoir-kb"}, {@code "version": 1},
 * {@code "exportedAt"}) followed by {@code "articles"}, an array with one {@link ArticleArchive} per line:
 *
 * <pre>{@code
 * {"format":"savoir-kb","version":1,"exportedAt":"2026-11-23T14:00:00Z","articles":[
 * {"article":{"id":"reset-password",...},"revisions":{"en":[...]},"events":[...],"feedback":{...}}
 * ,{"article":{...},...}
 * ]}
 * }</pre>
 *
 * <pre>{@code
 * JsonFormat json = JsonFormat.create();
 * try (OutputStream out = Files.newOutputStream(Path.of("kb.json"))) {
 *     json.export(kb, admin, out);
 * }
 * ImportReport report = json.importFrom(otherKb, admin, Path.of("kb.json"),
 *         ImportOptions.builder().keepStates(true).build());
 * }</pre>
 *
 * <p>An import reads the file twice: once to check every record (nothing is written if one is invalid), once to
 * write it in batches. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class JsonFormat {
    /** The value of the header's {@code format} field. */
    public static final String FORMAT_NAME = "savoir-kb";
    /** The version of the format this release writes, and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    private static final JsonFormat INSTANCE = new JsonFormat();
    private static final ObjectReader NODE = Json.mapper().readerFor(JsonNode.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonFormat() {
    }

    /** The JSON format. */
    public static JsonFormat create() {
        return INSTANCE;
    }

    /**
     * Writes every article of the knowledge base, one at a time. The stream is flushed, not closed.
     *
     * @param actor an actor allowed to read drafts (the export holds every revision)
     * @return the number of articles written
     * @throws KbException if writing fails
     */
    public long export(KnowledgeBase kb, Actor actor, OutputStream out) {
        Check.notNull("kb", kb);
        Check.notNull("actor", actor);
        Check.notNull("out", out);
        long n = 0;
        try (JsonGenerator g = Json.mapper().createGenerator(IoSupport.nonClosing(out))) {
            g.writeStartObject();
            g.writeStringProperty("format", FORMAT_NAME);
            g.writeNumberProperty("version", FORMAT_VERSION);
            g.writeStringProperty("exportedAt", Instant.now().toString());
            g.writeName("articles");
            g.writeStartArray();
            for (ArticleId id : kb.articleIds()) {
                ArticleArchive archive = kb.exportArchive(actor, id);
                g.writeRaw('\n');
                ArchiveJson.write(g, archive);
                n++;
            }
            g.writeRaw('\n');
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (JacksonException e) {
            throw new KbException("writing the JSON export failed: " + e.getOriginalMessage(), e);
        }
        return n;
    }

    /**
     * Imports a file written by {@link #export}: checks every record, then writes them in batches.
     *
     * @param actor an actor allowed to create articles, and to publish when {@code options} keep states
     * @throws ImportRejectedException if the file is not a Savoir JSON export or a record is invalid (each listed
     *     with its line); nothing was written
     * @throws dev.savoir.kb.PermissionDeniedException if the actor may not create (or publish) articles
     */
    public ImportReport importFrom(KnowledgeBase kb, Actor actor, Path file, ImportOptions options) {
        Check.notNull("kb", kb);
        Check.notNull("actor", actor);
        Check.notNull("file", file);
        Check.notNull("options", options);
        String name = String.valueOf(file.getFileName());
        return Importer.run(kb::articleIds, kb::importArchives, new InputLimits(kb.maxBodyBytes()), actor,
                sink -> read(file, name, sink), options, List.of(), () -> 0);
    }

    private static void read(Path file, String name, Consumer<Located> sink) {
        try (InputStream in = Files.newInputStream(file); JsonParser p = Json.mapper().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw malformed(name, p.currentTokenLocation().getLineNr(), "a Savoir JSON export starts with '{'");
            }
            boolean format = false;
            boolean articles = false;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "format" -> {
                        if (value != JsonToken.VALUE_STRING || !FORMAT_NAME.equals(p.getString())) {
                            throw malformed(name, p.currentTokenLocation().getLineNr(), "\"format\" must be \""
                                    + FORMAT_NAME + "\": this is not a Savoir JSON export");
                        }
                        format = true;
                    }
                    case "version" -> {
                        if (value != JsonToken.VALUE_NUMBER_INT || p.getIntValue() < 1
                                || p.getIntValue() > FORMAT_VERSION) {
                            throw malformed(name, p.currentTokenLocation().getLineNr(), "\"version\" must be 1 to "
                                    + FORMAT_VERSION + " (a newer version needs a newer Savoir)");
                        }
                    }
                    case "articles" -> {
                        if (!format) {
                            throw malformed(name, p.currentTokenLocation().getLineNr(),
                                    "the header (\"format\": \"" + FORMAT_NAME + "\") must come before \"articles\"");
                        }
                        if (value != JsonToken.START_ARRAY) {
                            throw malformed(name, p.currentTokenLocation().getLineNr(), "\"articles\" must be an array");
                        }
                        readArticles(p, name, sink);
                        articles = true;
                    }
                    default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw malformed(name, p.currentTokenLocation().getLineNr(), "expected a field name or '}'");
            }
            if (!format || !articles) {
                throw malformed(name, 0, "a Savoir JSON export needs \"format\" and \"articles\"");
            }
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                throw malformed(name, p.currentTokenLocation().getLineNr(), "unexpected content after the export");
            }
        } catch (JacksonException e) {
            throw malformed(name, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw malformed(name, 0, "cannot read the file: " + e);
        }
    }

    private static void readArticles(JsonParser p, String name, Consumer<Located> sink) {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            long line = p.currentTokenLocation().getLineNr();
            if (t != JsonToken.START_OBJECT) {
                throw malformed(name, line, "each element of \"articles\" must be an object, got " + t);
            }
            JsonNode node = NODE.readValue(p);
            JsonNode idNode = node.path("article").path("id");
            String id = idNode.isString() ? IoSupport.printable(idNode.stringValue()) : null;
            ArticleArchive archive;
            try {
                archive = ArchiveJson.readArchive(node);
            } catch (RuntimeException e) {
                sink.accept(Located.bad(name, line, id, List.of("not a valid article: " + IoSupport.reason(e))));
                continue;
            }
            List<String> nulls = IoSupport.missingFields(archive);
            sink.accept(nulls.isEmpty() ? Located.ok(name, line, archive) : Located.bad(name, line, id, nulls));
        }
    }

    private static ImportRejectedException malformed(String file, long line, String reason) {
        return new ImportRejectedException(List.of(new RejectedRecord(file, line, null, reason)), 0);
    }
}
