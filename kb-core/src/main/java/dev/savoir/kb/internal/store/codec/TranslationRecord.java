package dev.savoir.kb.internal.store.codec;

import dev.savoir.kb.Translation;
import dev.savoir.kb.TranslationState;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * One translation's state on disk, the value of its locale's tag in the article's {@code "translations"} object.
 * Fields, in the order written: {@code locale} (BCP 47 tag), {@code state}, {@code latestRevision},
 * {@code publishedRevision}, {@code translatedFrom}, {@code scheduledPublishAt}, {@code scheduledArchiveAt},
 * {@code submittedBy}, {@code publishedAt}, {@code updatedAt}, then {@code live}: whether a revision is published,
 * derived from {@code publishedRevision}, written because store format 1 always had it, skipped on reading.
 *
 * @param locale the BCP 47 tag
 * @param state the state's on-disk name
 * @param latestRevision the number of its newest revision
 * @param publishedRevision the revision readers see, if any
 * @param translatedFrom the source revision it was translated from, if any
 * @param scheduledPublishAt when it is scheduled to be published
 * @param scheduledArchiveAt when it is scheduled to be archived
 * @param submittedBy who submitted it for review
 * @param publishedAt when it was last published
 * @param updatedAt when it last changed
 */
public record TranslationRecord(String locale, String state, int latestRevision, @Nullable Integer publishedRevision,
                                @Nullable Integer translatedFrom, @Nullable Instant scheduledPublishAt,
                                @Nullable Instant scheduledArchiveAt, @Nullable String submittedBy,
                                @Nullable Instant publishedAt, Instant updatedAt) {
    static final String LOCALE = "locale";
    static final String STATE = "state";
    static final String LATEST_REVISION = "latestRevision";
    static final String PUBLISHED_REVISION = "publishedRevision";
    static final String TRANSLATED_FROM = "translatedFrom";
    static final String SCHEDULED_PUBLISH_AT = "scheduledPublishAt";
    static final String SCHEDULED_ARCHIVE_AT = "scheduledArchiveAt";
    static final String SUBMITTED_BY = "submittedBy";
    static final String PUBLISHED_AT = "publishedAt";
    static final String UPDATED_AT = "updatedAt";
    /** Derived from {@code publishedRevision}: written for format 1's sake, never read. */
    static final String LIVE = "live";
    private static final String WHAT = "a translation";

    public TranslationRecord {
        Objects.requireNonNull(locale, LOCALE);
        Objects.requireNonNull(state, STATE);
        Objects.requireNonNull(updatedAt, UPDATED_AT);
    }

    /** The record of {@code t}. */
    public static TranslationRecord of(Translation t) {
        return new TranslationRecord(t.locale().toLanguageTag(), Names.of(t.state()), t.latestRevision(),
                t.publishedRevision(), t.translatedFrom(), t.scheduledPublishAt(), t.scheduledArchiveAt(),
                t.submittedBy(), t.publishedAt(), t.updatedAt());
    }

    /** The API value. */
    public Translation toApi() {
        TranslationState s = Names.state(state);
        if (s == null) {
            throw new IllegalArgumentException("unknown translation state \"" + state + "\"");
        }
        return new Translation(Locale.forLanguageTag(locale), s, latestRevision, publishedRevision, translatedFrom,
                scheduledPublishAt, scheduledArchiveAt, submittedBy, publishedAt, updatedAt);
    }

    void write(JsonGenerator g) {
        g.writeStartObject();
        g.writeStringProperty(LOCALE, locale);
        g.writeStringProperty(STATE, state);
        g.writeNumberProperty(LATEST_REVISION, latestRevision);
        LogCodec.writeNullableInt(g, PUBLISHED_REVISION, publishedRevision);
        LogCodec.writeNullableInt(g, TRANSLATED_FROM, translatedFrom);
        LogCodec.writeInstant(g, SCHEDULED_PUBLISH_AT, scheduledPublishAt);
        LogCodec.writeInstant(g, SCHEDULED_ARCHIVE_AT, scheduledArchiveAt);
        LogCodec.writeNullableString(g, SUBMITTED_BY, submittedBy);
        LogCodec.writeInstant(g, PUBLISHED_AT, publishedAt);
        LogCodec.writeInstant(g, UPDATED_AT, updatedAt);
        g.writeBooleanProperty(LIVE, publishedRevision != null);
        g.writeEndObject();
    }

    /** Reads the fields of an object whose start was just read. */
    static TranslationRecord read(FrameReader r) {
        String locale = null;
        String state = null;
        Integer latest = null;
        Integer published = null;
        Integer from = null;
        Instant publishAt = null;
        Instant archiveAt = null;
        String submittedBy = null;
        Instant publishedAt = null;
        Instant updatedAt = null;
        String f;
        while ((f = r.nextField()) != null) {
            switch (f) {
                case LOCALE -> locale = r.string(LOCALE);
                case STATE -> state = r.string(STATE);
                case LATEST_REVISION -> latest = r.intValue(LATEST_REVISION);
                case PUBLISHED_REVISION -> published = r.nullableInt(PUBLISHED_REVISION);
                case TRANSLATED_FROM -> from = r.nullableInt(TRANSLATED_FROM);
                case SCHEDULED_PUBLISH_AT -> publishAt = r.nullableInstant(SCHEDULED_PUBLISH_AT);
                case SCHEDULED_ARCHIVE_AT -> archiveAt = r.nullableInstant(SCHEDULED_ARCHIVE_AT);
                case SUBMITTED_BY -> submittedBy = r.nullableString(SUBMITTED_BY);
                case PUBLISHED_AT -> publishedAt = r.nullableInstant(PUBLISHED_AT);
                case UPDATED_AT -> updatedAt = r.instant(UPDATED_AT);
                case LIVE -> r.skipValue();
                default -> throw r.unknown(WHAT, f);
            }
        }
        return new TranslationRecord(r.required(locale, WHAT, LOCALE), r.required(state, WHAT, STATE),
                r.required(latest, WHAT, LATEST_REVISION), published, from, publishAt, archiveAt, submittedBy,
                publishedAt, r.required(updatedAt, WHAT, UPDATED_AT));
    }
}
