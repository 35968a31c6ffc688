package dev.savoir.kb.internal.write;

import dev.savoir.kb.Actor;
import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.Revision;
import dev.savoir.kb.RevisionConflictException;
import dev.savoir.kb.Translation;
import dev.savoir.kb.internal.Contents;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The small rules every change shares: no lost update, the next version of an article, a new revision. */
public final class Edits {
    private Edits() {
    }

    /** No lost update: a change must be based on the latest revision of the translation. */
    public static void checkBasis(ArticleId id, Translation t, int basedOnRevision) {
        if (basedOnRevision != t.latestRevision()) {
            throw new RevisionConflictException(id, t.locale().toLanguageTag(), basedOnRevision, t.latestRevision());
        }
    }

    /** The article's next version, with {@code t} replacing its translation in the same locale. */
    public static Article withTranslation(Article a, Translation t, Instant now) {
        Map<Locale, Translation> translations = new LinkedHashMap<>(a.translations());
        translations.put(t.locale(), t);
        return new Article(a.id(), a.version() + 1, a.category(), a.type(), a.owner(), a.tags(), a.attributes(),
                a.visibility(), a.sourceLocale(), a.reviewInterval(), a.verifiedAt(), a.verifiedBy(), a.reviewDueAt(),
                a.createdAt(), now, translations);
    }

    /** A new immutable revision, with its content hash. */
    public static Revision newRevision(ArticleId id, Locale locale, int number, ArticleContent content, Actor actor,
                                       Instant now, String note, @Nullable Integer restoredFrom) {
        return newRevision(id, locale, number, content, actor, now, note, restoredFrom, false);
    }

    /** A new immutable revision, with its content hash, marked minor or not. */
    public static Revision newRevision(ArticleId id, Locale locale, int number, ArticleContent content, Actor actor,
                                       Instant now, String note, @Nullable Integer restoredFrom, boolean minor) {
        return new Revision(id, locale, number, content, actor.id(), now, note, Contents.hash(content),
                restoredFrom, minor);
    }
}
