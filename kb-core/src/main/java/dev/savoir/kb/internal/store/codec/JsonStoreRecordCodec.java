package dev.savoir.kb.internal.store.codec;

import dev.savoir.kb.Article;
import dev.savoir.kb.AuditEvent;
import dev.savoir.kb.Revision;
import dev.savoir.kb.StoreCorruptedException;
import dev.savoir.kb.internal.Json;
import dev.savoir.kb.spi.StoreRecordCodec;
import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;

/**
 * kb-core's {@link StoreRecordCodec}: the log's own records ({@link ArticleRecord}, {@link RevisionRecord},
 * {@link AuditRecord}) one document each, with the strictness of {@link LogCodec}. Provided through
 * {@link java.util.ServiceLoader} (module-info and {@code META-INF/services}).
 */
public final class JsonStoreRecordCodec implements StoreRecordCodec {
    /** For the service loader. */
    public JsonStoreRecordCodec() {
    }

    @Override
    public int format() {
        return LogCodec.FORMAT;
    }

    @Override
    public byte[] encodeArticle(Article article) {
        return write(ArticleRecord.of(article)::write);
    }

    @Override
    public Article decodeArticle(byte[] json, String where, String advice) {
        ArticleRecord r = read(json, where, advice, "an article", ArticleRecord::read);
        return valid(where, advice, r::toApi);
    }

    @Override
    public byte[] encodeRevision(Revision revision) {
        return write(RevisionRecord.of(revision)::write);
    }

    @Override
    public Revision decodeRevision(byte[] json, String where, String advice) {
        RevisionRecord r = read(json, where, advice, "a revision", RevisionRecord::read);
        return valid(where, advice, r::toApi);
    }

    @Override
    public byte[] encodeEvent(AuditEvent event) {
        return write(AuditRecord.of(event)::write);
    }

    @Override
    public AuditEvent decodeEvent(byte[] json, String where, String advice) {
        AuditRecord r = read(json, where, advice, "an audit event", AuditRecord::read);
        return valid(where, advice, r::toApi);
    }

    private static byte[] write(Consumer<JsonGenerator> record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = Json.mapper().createGenerator(out)) {
            record.accept(g);
        }
        return out.toByteArray();
    }

    /** A record read whole, nothing after it; every surprise is a {@link StoreCorruptedException}. */
    private static <R> R read(byte[] json, String where, String advice, String what,
                              Function<FrameReader, R> reader) {
        try (JsonParser p = Json.mapper().createParser(json)) {
            FrameReader r = new FrameReader(p, where, advice);
            r.startObject(what);
            R record = reader.apply(r);
            r.end();
            return record;
        } catch (StoreCorruptedException e) {
            throw e;
        } catch (JacksonException e) {
            throw FrameReader.corrupted(where, advice, "is not well-formed JSON (" + e.getOriginalMessage() + ")", e);
        } catch (RuntimeException e) {
            throw FrameReader.corrupted(where, advice, "cannot be read (" + e + ")", e);
        }
    }

    /** The API value of a decoded record; a value the API records refuse is corruption too. */
    private static <A> A valid(String where, String advice, Supplier<A> toApi) {
        try {
            return toApi.get();
        } catch (RuntimeException e) {
            throw FrameReader.corrupted(where, advice, "holds a value that is not valid (" + e.getMessage() + ")", e);
        }
    }
}
