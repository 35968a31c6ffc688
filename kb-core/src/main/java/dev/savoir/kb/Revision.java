package dev.savoir.kb;

import dev.savoir.kb.internal.Check;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One immutable revision of a translation. Revisions are numbered 1, 2, 3... per translation and never rewritten;
 * restoring an old revision appends a new one with its content.
 *
 * @param articleId the article
 * @param locale the translation's locale
 * @param number the revision number, from 1
 * @param content the content
 * @param author the id of the actor who wrote it
 * @param createdAt when it was written
 * @param changeNote the author's note, may be empty
 * @param contentHash the SHA-256 of the content, hex
 * @param restoredFrom the revision whose content this one restores, if any
 * @param minor whether its author marked it a minor change (a typo, a formatting fix): once published, it keeps the
 *     read acknowledgements of earlier revisions in force (since 0.3; false for revisions written before)
 * @since 0.1
 */
public record Revision(ArticleId articleId, Locale locale, int number, ArticleContent content, String author,
                       Instant createdAt, String changeNote, String contentHash, @Nullable Integer restoredFrom,
                       boolean minor) {
    public Revision {
        Check.notNull("articleId", articleId);
        Check.notNull("locale", locale);
        Check.atLeast("number", number, 1);
        Check.notNull("content", content);
        Check.notNull("author", author);
        Check.notNull("createdAt", createdAt);
        Check.notNull("contentHash", contentHash);
        Check.atLeastIfPresent("restoredFrom", restoredFrom, 1);
        changeNote = changeNote == null ? "" : changeNote;
    }

    /** A revision that is not marked minor (the constructor of 0.1 and 0.2). */
    public Revision(ArticleId articleId, Locale locale, int number, ArticleContent content, String author,
                    Instant createdAt, String changeNote, String contentHash, @Nullable Integer restoredFrom) {
        this(articleId, locale, number, content, author, createdAt, changeNote, contentHash, restoredFrom, false);
    }
}
