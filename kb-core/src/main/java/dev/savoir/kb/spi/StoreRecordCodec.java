package dev.savoir.kb.spi;

import dev.savoir.kb.Article;
import dev.savoir.kb.AuditEvent;
import dev.savoir.kb.Revision;
import dev.savoir.kb.StoreException;
import java.util.ServiceLoader;
import org.apiguardian.api.API;

/**
 * The built-in store's record format, for {@link ArticleStore} implementations that keep articles, revisions and
 * audit events elsewhere (kb-jdbc keeps them in database rows): each value as one JSON document of store format
 * {@link #format()}, written and read field by field with explicit names, never by reflection over the API records,
 * so that a store outside kb-core writes exactly what the file store's log holds and refuses what it refuses.
 *
 * <p>Decoding is strict, as the file store's: a document with an unknown or missing field, a value of the wrong type
 * or one the API records refuse throws {@link dev.savoir.kb.StoreCorruptedException} naming the record. The
 * documents are UTF-8 JSON text; strings are escaped as JSON requires (a U+0000 in a body is written
 * {@code \u005Cu0000}). Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface StoreRecordCodec {
    /**
     * kb-core's codec (found with {@link ServiceLoader}, as kb-core provides it).
     *
     * @throws StoreException if kb-core's provider is missing from the class or module path
     */
    static StoreRecordCodec standard() {
        for (StoreRecordCodec codec : ServiceLoader.load(StoreRecordCodec.class,
                StoreRecordCodec.class.getClassLoader())) {
            return codec;
        }
        throw new StoreException("kb-core's StoreRecordCodec provider was not found: keep kb-core's jar whole (its "
                + "META-INF/services and module-info declare it)");
    }

    /** The store format of the documents written and read, the file store's. */
    int format();

    /** The JSON document of an article's state. */
    byte[] encodeArticle(Article article);

    /**
     * The article of a document written by {@link #encodeArticle}.
     *
     * @param where names the document in errors, e.g. {@code "the article a1 in kb.articles"}
     * @param advice what to do if it is corrupted, e.g. {@code "Restore the database from a backup"}
     */
    Article decodeArticle(byte[] json, String where, String advice);

    /** The JSON document of a revision. */
    byte[] encodeRevision(Revision revision);

    /** The revision of a document written by {@link #encodeRevision} ({@code where}, {@code advice} as above). */
    Revision decodeRevision(byte[] json, String where, String advice);

    /** The JSON document of an audit event. */
    byte[] encodeEvent(AuditEvent event);

    /** The audit event of a document written by {@link #encodeEvent} ({@code where}, {@code advice} as above). */
    AuditEvent decodeEvent(byte[] json, String where, String advice);
}
