package dev.savoir.kb.internal.store.codec;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.AuditAction;
import dev.savoir.kb.AuditEvent;
import dev.savoir.kb.TranslationState;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * One audit event on disk. Fields, in the order written: {@code at}, {@code actor}, {@code articleId},
 * {@code locale} (BCP 47 tag, or null for the whole article), {@code action}, {@code fromState}, {@code toState},
 * {@code revision}, {@code detail}.
 *
 * @param at when it happened
 * @param actor who did it
 * @param articleId the article's id
 * @param locale the translation's tag, if it concerned one
 * @param action the action's on-disk name
 * @param fromState the state's on-disk name before, if it changed one
 * @param toState the state's on-disk name after
 * @param revision the revision concerned
 * @param detail free text
 */
public record AuditRecord(Instant at, String actor, String articleId, @Nullable String locale, String action,
                          @Nullable String fromState, @Nullable String toState, @Nullable Integer revision,
                          String detail) {
    static final String AT = "at";
    static final String ACTOR = "actor";
    static final String ARTICLE_ID = "articleId";
    static final String LOCALE = "locale";
    static final String ACTION = "action";
    static final String FROM_STATE = "fromState";
    static final String TO_STATE = "toState";
    static final String REVISION = "revision";
    static final String DETAIL = "detail";
    private static final String WHAT = "an audit event";

    public AuditRecord {
        Objects.requireNonNull(at, AT);
        Objects.requireNonNull(actor, ACTOR);
        Objects.requireNonNull(articleId, ARTICLE_ID);
        Objects.requireNonNull(action, ACTION);
        Objects.requireNonNull(detail, DETAIL);
    }

    /** The record of {@code e}. */
    public static AuditRecord of(AuditEvent e) {
        return new AuditRecord(e.at(), e.actor(), e.articleId().value(),
                e.locale() == null ? null : e.locale().toLanguageTag(), Names.of(e.action()),
                e.fromState() == null ? null : Names.of(e.fromState()),
                e.toState() == null ? null : Names.of(e.toState()), e.revision(), e.detail());
    }

    /** The API value. */
    public AuditEvent toApi() {
        AuditAction a = Names.action(action);
        if (a == null) {
            throw new IllegalArgumentException("unknown audit action \"" + action + "\"");
        }
        return new AuditEvent(at, actor, ArticleId.of(articleId), locale == null ? null : Locale.forLanguageTag(locale),
                a, state(fromState), state(toState), revision, detail);
    }

    private static @Nullable TranslationState state(@Nullable String name) {
        if (name == null) {
            return null;
        }
        TranslationState s = Names.state(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown translation state \"" + name + "\"");
        }
        return s;
    }

    void write(JsonGenerator g) {
        g.writeStartObject();
        LogCodec.writeInstant(g, AT, at);
        g.writeStringProperty(ACTOR, actor);
        g.writeStringProperty(ARTICLE_ID, articleId);
        LogCodec.writeNullableString(g, LOCALE, locale);
        g.writeStringProperty(ACTION, action);
        LogCodec.writeNullableString(g, FROM_STATE, fromState);
        LogCodec.writeNullableString(g, TO_STATE, toState);
        LogCodec.writeNullableInt(g, REVISION, revision);
        g.writeStringProperty(DETAIL, detail);
        g.writeEndObject();
    }

    /** Reads the fields of an object whose start was just read. */
    static AuditRecord read(FrameReader r) {
        Instant at = null;
        String actor = null;
        String articleId = null;
        String locale = null;
        String action = null;
        String fromState = null;
        String toState = null;
        Integer revision = null;
        String detail = null;
        String f;
        while ((f = r.nextField()) != null) {
            switch (f) {
                case AT -> at = r.instant(AT);
                case ACTOR -> actor = r.string(ACTOR);
                case ARTICLE_ID -> articleId = r.string(ARTICLE_ID);
                case LOCALE -> locale = r.nullableString(LOCALE);
                case ACTION -> action = r.string(ACTION);
                case FROM_STATE -> fromState = r.nullableString(FROM_STATE);
                case TO_STATE -> toState = r.nullableString(TO_STATE);
                case REVISION -> revision = r.nullableInt(REVISION);
                case DETAIL -> detail = r.string(DETAIL);
                default -> throw r.unknown(WHAT, f);
            }
        }
        return new AuditRecord(r.required(at, WHAT, AT), r.required(actor, WHAT, ACTOR),
                r.required(articleId, WHAT, ARTICLE_ID), locale, r.required(action, WHAT, ACTION), fromState,
                toState, revision, r.required(detail, WHAT, DETAIL));
    }
}
