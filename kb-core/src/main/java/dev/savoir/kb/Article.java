package dev.savoir.kb;

import dev.savoir.kb.internal.Check;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An article's current state as editors see it: metadata, verification, and the state of every translation. The
 * content itself lives in {@link Revision}s.
 *
 * @param id the stable id
 * @param version increases by one on every change to the article or any of its translations
 * @param category the node in the host's category tree
 * @param type the article type
 * @param owner the id of the person responsible for keeping it correct
 * @param tags language-neutral tags
 * @param attributes the host's own fields (product, CRM entity, ...)
 * @param visibility who may read it
 * @param sourceLocale the locale of the source translation
 * @param reviewInterval how often it must be verified, or {@code null} for never
 * @param verifiedAt when it was last verified
 * @param verifiedBy who last verified it
 * @param reviewDueAt when it next needs verifying, or {@code null}
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param translations every translation, by locale
 * @since 0.1
 */
public record Article(ArticleId id, long version, CategoryPath category, ArticleType type, String owner,
                      Set<String> tags, Map<String, String> attributes, Visibility visibility, Locale sourceLocale,
                      @Nullable Duration reviewInterval, @Nullable Instant verifiedAt, @Nullable String verifiedBy,
                      @Nullable Instant reviewDueAt, Instant createdAt, Instant updatedAt,
                      Map<Locale, Translation> translations) {
    public Article {
        Check.notNull("id", id);
        Check.atLeast("version", version, 0);
        Check.notNull("category", category);
        Check.notNull("type", type);
        Check.notNull("owner", owner);
        tags = Set.copyOf(Check.noNulls("tags", tags));
        attributes = Map.copyOf(Check.noNulls("attributes", attributes));
        Check.notNull("visibility", visibility);
        Locales.check(Check.notNull("sourceLocale", sourceLocale));
        Check.notNull("createdAt", createdAt);
        Check.notNull("updatedAt", updatedAt);
        translations = Map.copyOf(Check.noNulls("translations", translations));
    }

    /** The translation in this locale, if any. */
    public Optional<Translation> translation(Locale locale) {
        return Optional.ofNullable(translations.get(locale));
    }

    /** The source translation. */
    public Translation source() {
        return translations.get(sourceLocale);
    }

    /** Whether its review date has passed at {@code now}. */
    public boolean needsReview(Instant now) {
        return reviewDueAt != null && !now.isBefore(reviewDueAt);
    }

    /**
     * Whether a non-source translation was translated from a source revision older than the source's current
     * reference revision (its published revision, or its latest when none is published).
     */
    public boolean isOutdated(Locale locale) {
        Translation t = translations.get(locale);
        if (t == null || locale.equals(sourceLocale) || t.translatedFrom() == null) {
            return false;
        }
        Translation src = source();
        int reference = src.publishedRevision() != null ? src.publishedRevision() : src.latestRevision();
        return t.translatedFrom() < reference;
    }
}
