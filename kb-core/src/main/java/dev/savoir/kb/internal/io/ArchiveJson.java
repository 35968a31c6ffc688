package dev.savoir.kb.internal.io;

import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleArchive;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleType;
import dev.savoir.kb.Audience;
import dev.savoir.kb.AuditAction;
import dev.savoir.kb.AuditEvent;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Translation;
import dev.savoir.kb.TranslationState;
import dev.savoir.kb.ValidationException;
import dev.savoir.kb.Violation;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.feedback.FeedbackSummary;
import dev.savoir.kb.feedback.VoteReason;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * The JSON of an {@link ArticleArchive} in the export format ({@code JsonFormat}, and the audit files of the
 * Markdown export), written and read field by field: no reflection over the API records, so that renaming a record
 * component does not change the export format.
 *
 * <p>Written exactly as the format was defined (by Jackson over the records): each record's fields in component
 * order, instants and durations as ISO-8601 text, locales as BCP 47 tags, enum values by name, absent values as
 * {@code null}, a translation's derived {@code "live"} flag included; sets and maps in their iteration order.
 *
 * <p>Read leniently, as an interchange format must be: unknown fields are ignored (an export of a newer Savoir that
 * only added fields still imports), an absent or null field is null (0 or false for a number or a flag), and the
 * API records' constructors and the import's checks ({@code IoSupport#missingFields}) then refuse what is missing.
 * A value of the wrong kind is refused with a {@link ValidationException} naming its field.
 */
public final class ArchiveJson {
    private ArchiveJson() {
    }

    // ---------------------------------------------------------------- write

    /** Writes {@code a} as one JSON object. */
    public static void write(JsonGenerator g, ArticleArchive a) {
        g.writeStartObject();
        g.writeName("article");
        writeArticle(g, a.article());
        g.writeName("revisions");
        g.writeStartObject();
        for (Map.Entry<Locale, List<Revision>> e : a.revisions().entrySet()) {
            g.writeName(e.getKey().toLanguageTag());
            g.writeStartArray();
            for (Revision r : e.getValue()) {
                writeRevision(g, r);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeName("events");
        writeEvents(g, a.events());
        g.writeName("feedback");
        writeFeedback(g, a.feedback());
        g.writeEndObject();
    }

    static void writeArticle(JsonGenerator g, Article a) {
        g.writeStartObject();
        g.writeStringProperty("id", a.id().value());
        g.writeNumberProperty("version", a.version());
        g.writeStringProperty("category", a.category().toString());
        g.writeStringProperty("type", a.type().name());
        g.writeStringProperty("owner", a.owner());
        g.writeName("tags");
        writeStrings(g, a.tags());
        g.writeName("attributes");
        g.writeStartObject();
        for (Map.Entry<String, String> e : a.attributes().entrySet()) {
            g.writeStringProperty(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeName("visibility");
        g.writeStartObject();
        g.writeStringProperty("audience", a.visibility().audience().name());
        g.writeName("segments");
        writeStrings(g, a.visibility().segments());
        g.writeEndObject();
        g.writeStringProperty("sourceLocale", a.sourceLocale().toLanguageTag());
        string(g, "reviewInterval", a.reviewInterval() == null ? null : a.reviewInterval().toString());
        instant(g, "verifiedAt", a.verifiedAt());
        string(g, "verifiedBy", a.verifiedBy());
        instant(g, "reviewDueAt", a.reviewDueAt());
        instant(g, "createdAt", a.createdAt());
        instant(g, "updatedAt", a.updatedAt());
        g.writeName("translations");
        g.writeStartObject();
        for (Map.Entry<Locale, Translation> e : a.translations().entrySet()) {
            Translation t = e.getValue();
            g.writeName(e.getKey().toLanguageTag());
            g.writeStartObject();
            g.writeStringProperty("locale", t.locale().toLanguageTag());
            g.writeStringProperty("state", t.state().name());
            g.writeNumberProperty("latestRevision", t.latestRevision());
            integer(g, "publishedRevision", t.publishedRevision());
            integer(g, "translatedFrom", t.translatedFrom());
            instant(g, "scheduledPublishAt", t.scheduledPublishAt());
            instant(g, "scheduledArchiveAt", t.scheduledArchiveAt());
            string(g, "submittedBy", t.submittedBy());
            instant(g, "publishedAt", t.publishedAt());
            instant(g, "updatedAt", t.updatedAt());
            g.writeBooleanProperty("live", t.isLive());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    static void writeRevision(JsonGenerator g, Revision r) {
        g.writeStartObject();
        g.writeStringProperty("articleId", r.articleId().value());
        g.writeStringProperty("locale", r.locale().toLanguageTag());
        g.writeNumberProperty("number", r.number());
        g.writeName("content");
        g.writeStartObject();
        g.writeStringProperty("title", r.content().title());
        g.writeStringProperty("summary", r.content().summary());
        g.writeStringProperty("body", r.content().body());
        g.writeName("tags");
        writeStrings(g, r.content().tags());
        g.writeEndObject();
        g.writeStringProperty("author", r.author());
        instant(g, "createdAt", r.createdAt());
        g.writeStringProperty("changeNote", r.changeNote());
        g.writeStringProperty("contentHash", r.contentHash());
        integer(g, "restoredFrom", r.restoredFrom());
        g.writeBooleanProperty("minor", r.minor());
        g.writeEndObject();
    }

    /** Writes audit events as a JSON array. */
    public static void writeEvents(JsonGenerator g, List<AuditEvent> events) {
        g.writeStartArray();
        for (AuditEvent e : events) {
            g.writeStartObject();
            instant(g, "at", e.at());
            g.writeStringProperty("actor", e.actor());
            g.writeStringProperty("articleId", e.articleId().value());
            string(g, "locale", e.locale() == null ? null : e.locale().toLanguageTag());
            g.writeStringProperty("action", e.action().name());
            string(g, "fromState", e.fromState() == null ? null : e.fromState().name());
            string(g, "toState", e.toState() == null ? null : e.toState().name());
            integer(g, "revision", e.revision());
            g.writeStringProperty("detail", e.detail());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** Writes feedback aggregates as a JSON object. */
    public static void writeFeedback(JsonGenerator g, FeedbackSummary f) {
        g.writeStartObject();
        g.writeNumberProperty("views", f.views());
        g.writeNumberProperty("helpful", f.helpful());
        g.writeNumberProperty("notHelpful", f.notHelpful());
        g.writeName("reasons");
        g.writeStartObject();
        for (Map.Entry<VoteReason, Long> e : f.reasons().entrySet()) {
            g.writeNumberProperty(e.getKey().name(), e.getValue());
        }
        g.writeEndObject();
        g.writeNumberProperty("ticketLinks", f.ticketLinks());
        g.writeEndObject();
    }

    private static void writeStrings(JsonGenerator g, Iterable<String> values) {
        g.writeStartArray();
        for (String s : values) {
            g.writeString(s);
        }
        g.writeEndArray();
    }

    private static void string(JsonGenerator g, String name, @Nullable String value) {
        if (value == null) {
            g.writeNullProperty(name);
        } else {
            g.writeStringProperty(name, value);
        }
    }

    private static void integer(JsonGenerator g, String name, @Nullable Integer value) {
        if (value == null) {
            g.writeNullProperty(name);
        } else {
            g.writeNumberProperty(name, value.intValue());
        }
    }

    private static void instant(JsonGenerator g, String name, @Nullable Instant value) {
        string(g, name, value == null ? null : value.toString());
    }

    // ---------------------------------------------------------------- read

    /**
     * The archive in {@code node}.
     *
     * @throws RuntimeException (a {@link ValidationException} naming the field, or what an API record's constructor
     *     throws) if it cannot be one
     */
    public static ArticleArchive readArchive(JsonNode node) {
        object(node, "archive");
        JsonNode revs = field(node, "revisions");
        Map<Locale, List<Revision>> revisions = null;
        if (revs != null) {
            object(revs, "revisions");
            revisions = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : revs.properties()) {
                revisions.put(Locale.forLanguageTag(e.getKey()), list(e.getValue(), "revisions." + e.getKey(),
                        ArchiveJson::readRevision));
            }
        }
        JsonNode article = field(node, "article");
        JsonNode events = field(node, "events");
        JsonNode feedback = field(node, "feedback");
        return new ArticleArchive(article == null ? null : readArticle(article), revisions,
                events == null ? null : readEvents(events), feedback == null ? null : readFeedback(feedback));
    }

    static Article readArticle(JsonNode n) {
        object(n, "article");
        JsonNode vis = field(n, "visibility");
        Visibility visibility = null;
        if (vis != null) {
            object(vis, "article.visibility");
            String audience = string(vis, "audience", "article.visibility.audience");
            List<String> segments = strings(vis, "segments", "article.visibility.segments");
            visibility = new Visibility(audience == null ? null : enumValue(Audience.class, audience,
                    "article.visibility.audience"), segments == null ? null : new HashSet<>(segments));
        }
        JsonNode ts = field(n, "translations");
        Map<Locale, Translation> translations = null;
        if (ts != null) {
            object(ts, "article.translations");
            translations = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : ts.properties()) {
                translations.put(Locale.forLanguageTag(e.getKey()), readTranslation(e.getValue(),
                        "article.translations." + e.getKey()));
            }
        }
        List<String> tags = strings(n, "tags", "article.tags");
        String id = string(n, "id", "article.id");
        String category = string(n, "category", "article.category");
        String type = string(n, "type", "article.type");
        String sourceLocale = string(n, "sourceLocale", "article.sourceLocale");
        String interval = string(n, "reviewInterval", "article.reviewInterval");
        return new Article(id == null ? null : ArticleId.of(id), number(n, "version", "article.version"),
                category == null ? null : CategoryPath.parse(category), type == null ? null : ArticleType.of(type),
                string(n, "owner", "article.owner"), tags == null ? null : new HashSet<>(tags),
                stringMap(n, "attributes", "article.attributes"), visibility,
                sourceLocale == null ? null : Locale.forLanguageTag(sourceLocale),
                interval == null ? null : duration(interval, "article.reviewInterval"),
                instant(n, "verifiedAt", "article.verifiedAt"), string(n, "verifiedBy", "article.verifiedBy"),
                instant(n, "reviewDueAt", "article.reviewDueAt"), instant(n, "createdAt", "article.createdAt"),
                instant(n, "updatedAt", "article.updatedAt"), translations);
    }

    private static Translation readTranslation(JsonNode n, String path) {
        object(n, path);
        String locale = string(n, "locale", path + ".locale");
        String state = string(n, "state", path + ".state");
        return new Translation(locale == null ? null : Locale.forLanguageTag(locale),
                state == null ? null : enumValue(TranslationState.class, state, path + ".state"),
                (int) number(n, "latestRevision", path + ".latestRevision"),
                integer(n, "publishedRevision", path + ".publishedRevision"),
                integer(n, "translatedFrom", path + ".translatedFrom"),
                instant(n, "scheduledPublishAt", path + ".scheduledPublishAt"),
                instant(n, "scheduledArchiveAt", path + ".scheduledArchiveAt"),
                string(n, "submittedBy", path + ".submittedBy"), instant(n, "publishedAt", path + ".publishedAt"),
                instant(n, "updatedAt", path + ".updatedAt"));
    }

    static Revision readRevision(JsonNode n, String path) {
        object(n, path);
        JsonNode c = field(n, "content");
        ArticleContent content = null;
        if (c != null) {
            object(c, path + ".content");
            content = new ArticleContent(string(c, "title", path + ".content.title"),
                    string(c, "summary", path + ".content.summary"), string(c, "body", path + ".content.body"),
                    strings(c, "tags", path + ".content.tags"));
        }
        String id = string(n, "articleId", path + ".articleId");
        String locale = string(n, "locale", path + ".locale");
        return new Revision(id == null ? null : ArticleId.of(id), locale == null ? null : Locale.forLanguageTag(locale),
                (int) number(n, "number", path + ".number"), content, string(n, "author", path + ".author"),
                instant(n, "createdAt", path + ".createdAt"), string(n, "changeNote", path + ".changeNote"),
                string(n, "contentHash", path + ".contentHash"), integer(n, "restoredFrom", path + ".restoredFrom"),
                flag(n, "minor", path + ".minor"));
    }

    /** The audit events of a JSON array. */
    public static List<AuditEvent> readEvents(JsonNode node) {
        return list(node, "events", ArchiveJson::readEvent);
    }

    private static AuditEvent readEvent(JsonNode n, String path) {
        object(n, path);
        String id = string(n, "articleId", path + ".articleId");
        String locale = string(n, "locale", path + ".locale");
        String action = string(n, "action", path + ".action");
        String from = string(n, "fromState", path + ".fromState");
        String to = string(n, "toState", path + ".toState");
        return new AuditEvent(instant(n, "at", path + ".at"), string(n, "actor", path + ".actor"),
                id == null ? null : ArticleId.of(id), locale == null ? null : Locale.forLanguageTag(locale),
                action == null ? null : enumValue(AuditAction.class, action, path + ".action"),
                from == null ? null : enumValue(TranslationState.class, from, path + ".fromState"),
                to == null ? null : enumValue(TranslationState.class, to, path + ".toState"),
                integer(n, "revision", path + ".revision"), string(n, "detail", path + ".detail"));
    }

    /** The feedback aggregates of a JSON object. */
    public static FeedbackSummary readFeedback(JsonNode n) {
        object(n, "feedback");
        JsonNode r = field(n, "reasons");
        Map<VoteReason, Long> reasons = null;
        if (r != null) {
            object(r, "feedback.reasons");
            reasons = new EnumMap<>(VoteReason.class);
            for (Map.Entry<String, JsonNode> e : r.properties()) {
                String path = "feedback.reasons." + e.getKey();
                reasons.put(enumValue(VoteReason.class, e.getKey(), path), numberValue(e.getValue(), path));
            }
        }
        return new FeedbackSummary(number(n, "views", "feedback.views"), number(n, "helpful", "feedback.helpful"),
                number(n, "notHelpful", "feedback.notHelpful"), reasons,
                number(n, "ticketLinks", "feedback.ticketLinks"));
    }

    // ---------------------------------------------------------------- values

    private static ValidationException invalid(String path, String message) {
        return new ValidationException(List.of(new Violation(path, message)));
    }

    private static void object(JsonNode n, String path) {
        if (!n.isObject()) {
            throw invalid(path, "must be a JSON object, got " + n.getNodeType());
        }
    }

    /** The field's node, or null when it is absent or JSON null. */
    private static @Nullable JsonNode field(JsonNode n, String name) {
        JsonNode v = n.get(name);
        return v == null || v.isNull() ? null : v;
    }

    private static @Nullable String string(JsonNode n, String name, String path) {
        JsonNode v = field(n, name);
        if (v == null) {
            return null;
        }
        if (v.isContainer()) {
            throw invalid(path, "must be a string, got " + v.getNodeType());
        }
        return v.asString();
    }

    private static long number(JsonNode n, String name, String path) {
        JsonNode v = field(n, name);
        return v == null ? 0 : numberValue(v, path);
    }

    private static long numberValue(JsonNode v, String path) {
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isString()) {
            try {
                return Long.parseLong(v.stringValue().strip());
            } catch (NumberFormatException e) {
                throw invalid(path, "must be a whole number, got \"" + IoSupport.printable(v.stringValue()) + "\"");
            }
        }
        throw invalid(path, "must be a whole number, got " + v.getNodeType());
    }

    /** A boolean field, false when absent. */
    private static boolean flag(JsonNode n, String name, String path) {
        JsonNode v = field(n, name);
        if (v == null) {
            return false;
        }
        if (!v.isBoolean()) {
            throw invalid(path, "must be true or false, got " + v.getNodeType());
        }
        return v.booleanValue();
    }

    private static @Nullable Integer integer(JsonNode n, String name, String path) {
        JsonNode v = field(n, name);
        if (v == null) {
            return null;
        }
        long value = numberValue(v, path);
        if (value != (int) value) {
            throw invalid(path, "is out of range: " + value);
        }
        return (int) value;
    }

    private static @Nullable Instant instant(JsonNode n, String name, String path) {
        String text = string(n, name, path);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(path, "must be an ISO-8601 instant such as 2026-01-31T09:00:00Z, got \""
                    + IoSupport.printable(text) + "\"");
        }
    }

    private static Duration duration(String text, String path) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(path, "must be an ISO-8601 duration such as P90D, got \"" + IoSupport.printable(text)
                    + "\"");
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name, String path) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw invalid(path, "unknown value \"" + IoSupport.printable(name) + "\"");
    }

    private static @Nullable List<String> strings(JsonNode n, String name, String path) {
        JsonNode v = field(n, name);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            throw invalid(path, "must be an array of strings, got " + v.getNodeType());
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (e.isContainer()) {
                throw invalid(path, "must be an array of strings, holds " + e.getNodeType());
            }
            out.add(e.isNull() ? null : e.asString());
        }
        return out;
    }

    private static @Nullable Map<String, String> stringMap(JsonNode n, String name, String path) {
        JsonNode v = field(n, name);
        if (v == null) {
            return null;
        }
        object(v, path);
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            JsonNode value = e.getValue();
            if (value.isContainer()) {
                throw invalid(path + "." + e.getKey(), "must be a string, got " + value.getNodeType());
            }
            out.put(e.getKey(), value.isNull() ? null : value.asString());
        }
        return out;
    }

    private static <T> List<T> list(JsonNode v, String path, java.util.function.BiFunction<JsonNode, String, T> item) {
        if (!v.isArray()) {
            throw invalid(path, "must be an array, got " + v.getNodeType());
        }
        List<T> out = new ArrayList<>(v.size());
        int i = 0;
        for (JsonNode e : v) {
            out.add(e.isNull() ? null : item.apply(e, path + "[" + i++ + "]"));
        }
        return out;
    }
}
