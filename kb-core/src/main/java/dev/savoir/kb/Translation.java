package dev.savoir.kb;

import dev.savoir.kb.internal.Check;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The state of one translation of an article.
 *
 * @param locale the translation's locale
 * @param state the workflow state of the working (latest) revision
 * @param latestRevision the newest revision's number
 * @param publishedRevision the revision readers see, or {@code null} if none is published
 * @param translatedFrom for a translation that is not the source: the source revision it was translated from
 * @param scheduledPublishAt when {@link TranslationState#SCHEDULED}: when the latest revision goes live
 * @param scheduledArchiveAt when set: when the translation is archived
 * @param submittedBy who submitted the revision under review, for the distinct-reviewer rule
 * @param publishedAt when the published revision went live
 * @param updatedAt when this translation last changed
 * @since 0.1
 */
public record Translation(Locale locale, TranslationState state, int latestRevision,
                          @Nullable Integer publishedRevision, @Nullable Integer translatedFrom,
                          @Nullable Instant scheduledPublishAt, @Nullable Instant scheduledArchiveAt,
                          @Nullable String submittedBy, @Nullable Instant publishedAt, Instant updatedAt) {
    public Translation {
        Locales.check(Check.notNull("locale", locale));
        Check.notNull("state", state);
        Check.atLeast("latestRevision", latestRevision, 1);
        Check.atLeastIfPresent("publishedRevision", publishedRevision, 1);
        Check.atLeastIfPresent("translatedFrom", translatedFrom, 1);
        Check.notNull("updatedAt", updatedAt);
    }

    /** Whether readers currently see a revision of this translation. */
    public boolean isLive() {
        return publishedRevision != null;
    }

    /** Whether a working revision newer than the published one exists. */
    public boolean hasPendingDraft() {
        return publishedRevision != null && latestRevision > publishedRevision;
    }
}
