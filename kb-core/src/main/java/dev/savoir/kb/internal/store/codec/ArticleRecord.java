package dev.savoir.kb.internal.store.codec;

import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleType;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.Translation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * An article's state on disk. Fields, in the order written: {@code id}, {@code version}, {@code category} (the path
 * joined by {@code " > "}), {@code type}, {@code owner}, {@code tags} (sorted), {@code attributes} (an object, keys
 * sorted), {@code visibility} ({@link VisibilityRecord}), {@code sourceLocale} (BCP 47 tag), {@code reviewInterval}
 * (ISO-8601 duration), {@code verifiedAt}, {@code verifiedBy}, {@code reviewDueAt}, {@code createdAt},
 * {@code updatedAt}, {@code translations} (an object from locale tag to {@link TranslationRecord}, sorted by tag).
 *
 * @param id the article id
 * @param version its version
 * @param category its category path, {@code "Billing > Invoices"}
 * @param type its type's name
 * @param owner its owner
 * @param tags its tags, sorted
 * @param attributes its attributes, sorted by key
 * @param visibility who may see it
 * @param sourceLocale its source locale's tag
 * @param reviewInterval how often it is reviewed
 * @param verifiedAt when it was last verified
 * @param verifiedBy who verified it
 * @param reviewDueAt when its next review is due
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param translations its translations, sorted by locale tag
 */
public record ArticleRecord(String id, long version, String category, String type, String owner, List<String> tags,
                            Map<String, String> attributes, VisibilityRecord visibility, String sourceLocale,
                            @Nullable Duration reviewInterval, @Nullable Instant verifiedAt,
                            @Nullable String verifiedBy, @Nullable Instant reviewDueAt, Instant createdAt,
                            Instant updatedAt, List<TranslationRecord> translations) {
    static final String ID = "id";
    static final String VERSION = "version";
    static final String CATEGORY = "category";
    static final String TYPE = "type";
    static final String OWNER = "owner";
    static final String TAGS = "tags";
    static final String ATTRIBUTES = "attributes";
    static final String VISIBILITY = "visibility";
    static final String SOURCE_LOCALE = "sourceLocale";
    static final String REVIEW_INTERVAL = "reviewInterval";
    static final String VERIFIED_AT = "verifiedAt";
    static final String VERIFIED_BY = "verifiedBy";
    static final String REVIEW_DUE_AT = "reviewDueAt";
    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = "updatedAt";
    static final String TRANSLATIONS = "translations";
    private static final String WHAT = "an article";

    public ArticleRecord {
        Objects.requireNonNull(id, ID);
        Objects.requireNonNull(category, CATEGORY);
        Objects.requireNonNull(type, TYPE);
        Objects.requireNonNull(owner, OWNER);
        Objects.requireNonNull(visibility, VISIBILITY);
        Objects.requireNonNull(sourceLocale, SOURCE_LOCALE);
        Objects.requireNonNull(createdAt, CREATED_AT);
        Objects.requireNonNull(updatedAt, UPDATED_AT);
        tags = List.copyOf(tags);
        attributes = java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
        translations = List.copyOf(translations);
    }

    /** The record of {@code a}. */
    public static ArticleRecord of(Article a) {
        List<TranslationRecord> translations = new ArrayList<>(a.translations().size());
        for (Translation t : a.translations().values()) {
            translations.add(TranslationRecord.of(t));
        }
        translations.sort(Comparator.comparing(TranslationRecord::locale));
        return new ArticleRecord(a.id().value(), a.version(), a.category().toString(), a.type().name(), a.owner(),
                a.tags().stream().sorted().toList(), a.attributes(), VisibilityRecord.of(a.visibility()),
                a.sourceLocale().toLanguageTag(), a.reviewInterval(), a.verifiedAt(), a.verifiedBy(), a.reviewDueAt(),
                a.createdAt(), a.updatedAt(), translations);
    }

    /** The API value. */
    public Article toApi() {
        Map<Locale, Translation> ts = new HashMap<>(translations.size() * 2);
        for (TranslationRecord t : translations) {
            Translation api = t.toApi();
            if (ts.put(api.locale(), api) != null) {
                throw new IllegalArgumentException("two translations in " + api.locale());
            }
        }
        return new Article(ArticleId.of(id), version, CategoryPath.parse(category), ArticleType.of(type), owner,
                java.util.Set.copyOf(tags), attributes, visibility.toApi(), Locale.forLanguageTag(sourceLocale),
                reviewInterval, verifiedAt, verifiedBy, reviewDueAt, createdAt, updatedAt, ts);
    }

    void write(JsonGenerator g) {
        g.writeStartObject();
        g.writeStringProperty(ID, id);
        g.writeNumberProperty(VERSION, version);
        g.writeStringProperty(CATEGORY, category);
        g.writeStringProperty(TYPE, type);
        g.writeStringProperty(OWNER, owner);
        g.writeName(TAGS);
        LogCodec.writeStrings(g, tags);
        g.writeName(ATTRIBUTES);
        g.writeStartObject();
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            g.writeStringProperty(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeName(VISIBILITY);
        visibility.write(g);
        g.writeStringProperty(SOURCE_LOCALE, sourceLocale);
        LogCodec.writeNullableString(g, REVIEW_INTERVAL, reviewInterval == null ? null : reviewInterval.toString());
        LogCodec.writeInstant(g, VERIFIED_AT, verifiedAt);
        LogCodec.writeNullableString(g, VERIFIED_BY, verifiedBy);
        LogCodec.writeInstant(g, REVIEW_DUE_AT, reviewDueAt);
        LogCodec.writeInstant(g, CREATED_AT, createdAt);
        LogCodec.writeInstant(g, UPDATED_AT, updatedAt);
        g.writeName(TRANSLATIONS);
        g.writeStartObject();
        for (TranslationRecord t : translations) {
            g.writeName(t.locale());
            t.write(g);
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Reads the fields of an object whose start was just read. */
    static ArticleRecord read(FrameReader r) {
        String id = null;
        Long version = null;
        String category = null;
        String type = null;
        String owner = null;
        List<String> tags = null;
        Map<String, String> attributes = null;
        VisibilityRecord visibility = null;
        String sourceLocale = null;
        Duration reviewInterval = null;
        Instant verifiedAt = null;
        String verifiedBy = null;
        Instant reviewDueAt = null;
        Instant createdAt = null;
        Instant updatedAt = null;
        List<TranslationRecord> translations = null;
        String f;
        while ((f = r.nextField()) != null) {
            switch (f) {
                case ID -> id = r.string(ID);
                case VERSION -> version = r.longValue(VERSION);
                case CATEGORY -> category = r.string(CATEGORY);
                case TYPE -> type = r.string(TYPE);
                case OWNER -> owner = r.string(OWNER);
                case TAGS -> tags = r.strings(TAGS);
                case ATTRIBUTES -> attributes = r.stringMap(ATTRIBUTES);
                case VISIBILITY -> {
                    r.startObject("the visibility");
                    visibility = VisibilityRecord.read(r);
                }
                case SOURCE_LOCALE -> sourceLocale = r.string(SOURCE_LOCALE);
                case REVIEW_INTERVAL -> reviewInterval = r.nullableDuration(REVIEW_INTERVAL);
                case VERIFIED_AT -> verifiedAt = r.nullableInstant(VERIFIED_AT);
                case VERIFIED_BY -> verifiedBy = r.nullableString(VERIFIED_BY);
                case REVIEW_DUE_AT -> reviewDueAt = r.nullableInstant(REVIEW_DUE_AT);
                case CREATED_AT -> createdAt = r.instant(CREATED_AT);
                case UPDATED_AT -> updatedAt = r.instant(UPDATED_AT);
                case TRANSLATIONS -> translations = readTranslations(r);
                default -> throw r.unknown(WHAT, f);
            }
        }
        return new ArticleRecord(r.required(id, WHAT, ID), r.required(version, WHAT, VERSION),
                r.required(category, WHAT, CATEGORY), r.required(type, WHAT, TYPE), r.required(owner, WHAT, OWNER),
                r.required(tags, WHAT, TAGS), r.required(attributes, WHAT, ATTRIBUTES),
                r.required(visibility, WHAT, VISIBILITY), r.required(sourceLocale, WHAT, SOURCE_LOCALE),
                reviewInterval, verifiedAt, verifiedBy, reviewDueAt, r.required(createdAt, WHAT, CREATED_AT),
                r.required(updatedAt, WHAT, UPDATED_AT), r.required(translations, WHAT, TRANSLATIONS));
    }

    private static List<TranslationRecord> readTranslations(FrameReader r) {
        r.startObject("the translations");
        List<TranslationRecord> out = new ArrayList<>(2);
        String tag;
        while ((tag = r.nextField()) != null) {
            r.startObject("the translation " + tag);
            TranslationRecord t = TranslationRecord.read(r);
            if (!t.locale().equals(tag)) {
                throw r.corrupted("has the translation of \"" + t.locale() + "\" under the key \"" + tag + "\"");
            }
            out.add(t);
        }
        return out;
    }
}
