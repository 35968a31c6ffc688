package dev.savoir.kb.internal.io;

import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleArchive;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleType;
import dev.savoir.kb.Audience;
import dev.savoir.kb.AuditEvent;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.feedback.FeedbackSummary;
import dev.savoir.kb.KbException;
import dev.savoir.kb.Locales;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Translation;
import dev.savoir.kb.TranslationState;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.internal.Json;
import dev.savoir.kb.internal.io.Importer.Located;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Articles to and from the Markdown layout documented on {@code MarkdownFormat}: a folder per category, a file per
 * translation, older revisions and the audit trail under {@code .history/}.
 */
public final class MarkdownCodec {
    /** The folder of older revisions and audit trails. */
    public static final String HISTORY = ".history";
    static final Set<String> IMAGES = Set.of("png", "jpg", "jpeg", "gif", "svg", "webp");

    private static final Set<String> KEYS = Set.of("id", "locale", "title", "summary", "tags", "type", "visibility",
            "state", "owner", "source", "translated_from", "revision", "review_interval_days", "review_interval",
            "last_verified", "attributes", "article_tags", "version", "article_created", "article_updated",
            "verified_at", "verified_by", "review_due", "published_revision", "published_at", "publish_at",
            "archive_at", "submitted_by", "translation_updated", "author", "created", "note", "restored_from",
            "minor");

    /** One file to write. */
    public record Out(String path, byte[] data) {
    }

    /** What an import found: one record per article, files left out, and images. */
    public record Found(List<Located> records, List<String> skipped, List<SafeFiles.Entry> images) {
    }

    private MarkdownCodec() {
    }

    /** Whether the path names an image (png, jpg, gif, svg, webp). */
    public static boolean isImage(String path) {
        int dot = path.lastIndexOf('.');
        return dot > 0 && IMAGES.contains(path.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    // ------------------------------------------------------------------ export

    /** The files of one article. */
    public static List<Out> export(ArticleArchive archive) {
        Article a = archive.article();
        String dir = folder(a.category());
        List<Out> out = new ArrayList<>();
        List<Translation> ts = new ArrayList<>(a.translations().values());
        ts.sort(Comparator.comparing((Translation t) -> !t.locale().equals(a.sourceLocale()))
                .thenComparing(t -> t.locale().toLanguageTag()));
        for (Translation t : ts) {
            String tag = t.locale().toLanguageTag();
            List<Revision> revs = archive.revisions().get(t.locale());
            boolean pending = t.hasPendingDraft();
            int mainN = pending ? t.publishedRevision() : t.latestRevision();
            Map<String, Object> k = new LinkedHashMap<>();
            Revision main = revs.get(mainN - 1);
            content(k, a.id(), t.locale(), main);
            boolean source = t.locale().equals(a.sourceLocale());
            if (source) {
                k.put("type", a.type().name());
                k.put("visibility", visibility(a.visibility()));
            }
            k.put("state", pending ? "published" : state(t.state()));
            if (source) {
                k.put("owner", a.owner());
            }
            k.put("source", source);
            put(k, "translated_from", t.translatedFrom());
            k.put("revision", mainN);
            if (source) {
                Duration ri = a.reviewInterval();
                if (ri != null && ri.toSeconds() % 86_400 == 0 && ri.getNano() == 0) {
                    k.put("review_interval_days", ri.toDays());
                } else {
                    put(k, "review_interval", ri);
                }
                k.put("attributes", new TreeMap<>(a.attributes()));
                k.put("article_tags", a.tags().stream().sorted().toList());
                k.put("version", a.version());
                k.put("article_created", a.createdAt().toString());
                k.put("article_updated", a.updatedAt().toString());
                put(k, "verified_at", a.verifiedAt());
                put(k, "verified_by", a.verifiedBy());
                put(k, "review_due", a.reviewDueAt());
            }
            put(k, "published_revision", t.publishedRevision());
            put(k, "published_at", t.publishedAt());
            put(k, "publish_at", t.scheduledPublishAt());
            put(k, "archive_at", t.scheduledArchiveAt());
            put(k, "submitted_by", t.submittedBy());
            k.put("translation_updated", t.updatedAt().toString());
            revisionKeys(k, main);
            out.add(file(dir + a.id() + "." + tag + ".md", k, main.content().body()));
            if (pending) {
                Revision draft = revs.get(t.latestRevision() - 1);
                Map<String, Object> d = new LinkedHashMap<>();
                content(d, a.id(), t.locale(), draft);
                d.put("state", state(t.state()));
                d.put("revision", draft.number());
                revisionKeys(d, draft);
                out.add(file(dir + a.id() + "." + tag + ".draft.md", d, draft.content().body()));
            }
            for (Revision r : revs) {
                if (r.number() == mainN || r.number() == t.latestRevision()) {
                    continue;
                }
                Map<String, Object> h = new LinkedHashMap<>();
                content(h, a.id(), t.locale(), r);
                h.put("revision", r.number());
                revisionKeys(h, r);
                out.add(file(HISTORY + "/" + dir + a.id() + "." + tag + "." + r.number() + ".md", h,
                        r.content().body()));
            }
        }
        java.io.ByteArrayOutputStream audit = new java.io.ByteArrayOutputStream();
        try (tools.jackson.core.JsonGenerator g = Json.mapper().createGenerator(audit)) {
            g.writeStartObject();
            g.writeName("events");
            ArchiveJson.writeEvents(g, archive.events());
            g.writeName("feedback");
            ArchiveJson.writeFeedback(g, archive.feedback());
            g.writeEndObject();
        }
        out.add(new Out(HISTORY + "/" + dir + a.id() + ".audit.json", audit.toByteArray()));
        return out;
    }

    private static void content(Map<String, Object> k, ArticleId id, Locale locale, Revision r) {
        k.put("id", id.value());
        k.put("locale", locale.toLanguageTag());
        k.put("title", r.content().title());
        k.put("summary", r.content().summary());
        k.put("tags", r.content().tags());
    }

    private static void revisionKeys(Map<String, Object> k, Revision r) {
        k.put("author", r.author());
        k.put("created", r.createdAt().toString());
        k.put("note", r.changeNote());
        put(k, "restored_from", r.restoredFrom());
        put(k, "minor", r.minor() ? Boolean.TRUE : null);
    }

    private static void put(Map<String, Object> k, String key, @Nullable Object value) {
        if (value != null) {
            k.put(key, value instanceof Integer || value instanceof Long ? value : value.toString());
        }
    }

    private static Out file(String path, Map<String, Object> keys, String body) {
        return new Out(path, FrontMatter.write(keys, body).getBytes(StandardCharsets.UTF_8));
    }

    static String state(TranslationState s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    static String visibility(Visibility v) {
        return switch (v.audience()) {
            case PUBLIC -> "public";
            case INTERNAL -> "internal";
            case SEGMENTS -> "segments:" + String.join(",", new java.util.TreeSet<>(v.segments()));
        };
    }

    /** Parses {@code public}, {@code internal} or {@code segments:a,b}. */
    public static Visibility parseVisibility(String s) {
        String v = s.strip();
        if (v.equalsIgnoreCase("public")) {
            return Visibility.PUBLIC;
        }
        if (v.equalsIgnoreCase("internal")) {
            return Visibility.INTERNAL;
        }
        if (v.regionMatches(true, 0, "segments:", 0, 9)) {
            Set<String> segs = new LinkedHashSet<>();
            for (String seg : v.substring(9).split(",")) {
                if (!seg.isBlank()) {
                    segs.add(seg.strip());
                }
            }
            return new Visibility(Audience.SEGMENTS, segs);
        }
        throw new IllegalArgumentException("visibility \"" + IoSupport.printable(s)
                + "\" must be public, internal or segments:a,b");
    }

    /** The folder of a category, one level per segment, unsafe characters percent-encoded, ending with '/'. */
    public static String folder(CategoryPath c) {
        StringBuilder sb = new StringBuilder();
        for (String s : c.segments()) {
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                boolean edge = (i == 0 && ch == '.') || (i == s.length() - 1 && (ch == '.' || ch == ' '));
                if (edge || ch == '%' || ch == '\\' || ch == ':' || ch == '*' || ch == '?' || ch == '"'
                        || ch == '<' || ch == '>' || ch == '|' || ch < 0x20) {
                    sb.append('%').append(String.format("%02X", (int) ch));
                } else {
                    sb.append(ch);
                }
            }
            sb.append('/');
        }
        return sb.toString();
    }

    static String decode(String segment) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < segment.length(); i++) {
            char ch = segment.charAt(i);
            if (ch == '%' && i + 2 < segment.length() && isHex(segment.charAt(i + 1))
                    && isHex(segment.charAt(i + 2))) {
                sb.append((char) Integer.parseInt(segment.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    // ------------------------------------------------------------------ import

    private enum Kind { MAIN, DRAFT, HISTORY }

    private record Doc(String path, Kind kind, String id, Locale locale, ObjectNode keys, String body,
                       List<String> folder) {
    }

    private static final class Group {
        final String id;
        final Map<Locale, Doc> main = new LinkedHashMap<>();
        final Map<Locale, Doc> draft = new LinkedHashMap<>();
        final Map<Locale, Map<Integer, Doc>> history = new LinkedHashMap<>();
        final List<String> problems = new ArrayList<>();
        @Nullable String audit;
        @Nullable String auditPath;
        String firstPath;

        Group(String id, String firstPath) {
            this.id = id;
            this.firstPath = firstPath;
        }
    }

    /** Reads the files of an archive or folder into one record per article. */
    public static Found read(String archive, List<SafeFiles.Entry> entries, String actorId, Instant now) {
        Map<String, Group> groups = new TreeMap<>();
        List<Located> bad = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<SafeFiles.Entry> images = new ArrayList<>();
        for (SafeFiles.Entry e : entries) {
            String path = e.path();
            String where = archive + "!" + path;
            if (path.endsWith("/")) {
                continue;
            }
            String[] parts = path.split("/");
            String fileName = parts[parts.length - 1];
            boolean history = parts[0].equals(HISTORY);
            if (fileName.equalsIgnoreCase("README.md") && !history) {
                continue;
            }
            if (isImage(path) && !history) {
                images.add(e);
                continue;
            }
            if (!history && Arrays.stream(parts).anyMatch(p -> p.startsWith(".") || p.equals("__MACOSX"))) {
                skipped.add(path + ": hidden file, left out");
                continue;
            }
            if (history && fileName.endsWith(".audit.json")) {
                String id = fileName.substring(0, fileName.length() - ".audit.json".length());
                Group g = groups.computeIfAbsent(id, i -> new Group(i, where));
                if (g.audit != null) {
                    g.problems.add(where + ": a second audit trail for " + id + " (first " + g.auditPath + ")");
                }
                g.audit = utf8(e.data(), where, bad);
                g.auditPath = where;
                continue;
            }
            if (!fileName.toLowerCase(Locale.ROOT).endsWith(".md")) {
                skipped.add(path + ": neither an article (.md) nor an image, left out");
                continue;
            }
            String text = utf8(e.data(), where, bad);
            if (text == null) {
                continue;
            }
            Doc doc;
            try {
                doc = doc(path, parts, history, FrontMatter.parse(text));
            } catch (IllegalArgumentException | KbException ex) {
                bad.add(Located.bad(where, 1, null, List.of(ex.getMessage())));
                continue;
            }
            Group g = groups.computeIfAbsent(doc.id(), i -> new Group(i, where));
            Map<Locale, Doc> target = doc.kind() == Kind.MAIN ? g.main : doc.kind() == Kind.DRAFT ? g.draft : null;
            if (target != null) {
                Doc prior = target.putIfAbsent(doc.locale(), doc);
                if (prior != null) {
                    g.problems.add(where + ": a second file for " + doc.id() + " [" + doc.locale().toLanguageTag()
                            + "] (first " + prior.path() + ")");
                }
            } else {
                int n = intKey(doc.keys(), "revision", 0);
                if (n < 1) {
                    g.problems.add(where + ": a history file needs \"revision\"");
                } else if (g.history.computeIfAbsent(doc.locale(), l -> new TreeMap<>()).putIfAbsent(n, doc) != null) {
                    g.problems.add(where + ": revision " + n + " appears twice");
                }
            }
        }
        List<Located> records = new ArrayList<>(bad);
        for (Group g : groups.values()) {
            records.add(build(archive, g, actorId, now));
        }
        return new Found(records, skipped, images);
    }

    private static @Nullable String utf8(byte @Nullable [] data, String where, List<Located> bad) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(data == null ? new byte[0] : data)).toString();
        } catch (CharacterCodingException e) {
            bad.add(Located.bad(where, 0, null, List.of("not UTF-8 text")));
            return null;
        }
    }

    private static Doc doc(String path, String[] parts, boolean history, FrontMatter.Parsed fm) {
        ObjectNode k = fm.keys();
        List<String> unknown = new ArrayList<>();
        for (String name : k.propertyNames()) {
            if (!KEYS.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown front matter key(s) " + unknown.stream()
                    .map(IoSupport::printable).toList() + ": the keys are " + new java.util.TreeSet<>(KEYS));
        }
        String id = ArticleId.of(text(k, "id", null)).value();
        String tag = text(k, "locale", null);
        Locale locale = Locales.parse(tag);
        String norm = locale.toLanguageTag();
        String fileName = parts[parts.length - 1];
        Kind kind;
        if (history) {
            int n = intKey(k, "revision", 0);
            if (!fileName.equals(id + "." + tag + "." + n + ".md") && !fileName.equals(id + "." + norm + "." + n
                    + ".md")) {
                throw new IllegalArgumentException("a history file is named <id>.<locale>.<revision>.md: expected "
                        + id + "." + norm + "." + n + ".md");
            }
            kind = Kind.HISTORY;
        } else if (fileName.equals(id + "." + tag + ".md") || fileName.equals(id + "." + norm + ".md")) {
            kind = Kind.MAIN;
        } else if (fileName.equals(id + "." + tag + ".draft.md") || fileName.equals(id + "." + norm + ".draft.md")) {
            kind = Kind.DRAFT;
        } else {
            throw new IllegalArgumentException("the file name must be <id>.<locale>.md (or .draft.md) as in its "
                    + "front matter: expected " + id + "." + norm + ".md");
        }
        List<String> folder = new ArrayList<>();
        for (int i = history ? 1 : 0; i < parts.length - 1; i++) {
            folder.add(decode(parts[i]));
        }
        return new Doc(path, kind, id, locale, k, fm.body(), folder);
    }

    private static Located build(String archive, Group g, String actorId, Instant now) {
        List<String> p = new ArrayList<>(g.problems);
        Doc anchor = g.main.values().stream().findFirst().orElse(null);
        String where = anchor != null ? archive + "!" + anchor.path() : g.firstPath;
        if (g.main.isEmpty()) {
            p.add("no article file " + g.id + ".<locale>.md (only drafts, history or an audit trail)");
            return Located.bad(where, 1, g.id, p);
        }
        try {
            Doc src = null;
            List<Doc> declared = g.main.values().stream().filter(d -> bool(d.keys(), "source", false)).toList();
            if (declared.size() == 1) {
                src = declared.getFirst();
            } else if (declared.isEmpty() && g.main.size() == 1) {
                src = anchor;
            } else {
                p.add(declared.size() + " translations say \"source: true\": exactly one must");
                return Located.bad(where, 1, g.id, p);
            }
            where = archive + "!" + src.path();
            ObjectNode k = src.keys();
            if (src.folder().isEmpty()) {
                p.add("an article file must be inside a category folder");
                return Located.bad(where, 1, g.id, p);
            }
            CategoryPath category = new CategoryPath(src.folder());
            for (Doc d : g.main.values()) {
                if (!d.folder().equals(src.folder())) {
                    p.add(d.path() + " is in another category folder than " + src.path());
                }
            }
            for (Doc d : g.draft.values()) {
                if (!d.folder().equals(src.folder())) {
                    p.add(d.path() + " is in another category folder than " + src.path());
                }
            }
            String owner = text(k, "owner", "");
            String defaultAuthor = owner.isBlank() ? actorId : owner;
            Map<Locale, Translation> translations = new LinkedHashMap<>();
            Map<Locale, List<Revision>> revisions = new LinkedHashMap<>();
            ArticleId id = ArticleId.of(g.id);
            for (Doc m : g.main.values()) {
                translation(id, m, g.draft.get(m.locale()), g.history.getOrDefault(m.locale(), Map.of()),
                        defaultAuthor, now, translations, revisions, p);
            }
            for (Locale l : g.draft.keySet()) {
                if (!g.main.containsKey(l)) {
                    p.add("a draft file for " + l.toLanguageTag() + " without its " + g.id + "." + l.toLanguageTag()
                            + ".md");
                }
            }
            for (Locale l : g.history.keySet()) {
                if (!g.main.containsKey(l)) {
                    p.add("history for " + l.toLanguageTag() + " without its " + g.id + "." + l.toLanguageTag()
                            + ".md");
                }
            }
            Duration interval = null;
            if (k.has("review_interval_days")) {
                int days = intKey(k, "review_interval_days", 0);
                if (days < 1) {
                    p.add("review_interval_days must be a positive number of days");
                } else {
                    interval = Duration.ofDays(days);
                }
            } else if (k.has("review_interval")) {
                interval = Duration.parse(text(k, "review_interval", null));
            }
            Instant verifiedAt = k.has("verified_at") ? instant(k, "verified_at", now)
                    : k.has("last_verified") ? LocalDate.parse(text(k, "last_verified", null))
                    .atStartOfDay(ZoneOffset.UTC).toInstant() : null;
            Instant reviewDue = k.has("review_due") ? instant(k, "review_due", now)
                    : interval == null ? null : (verifiedAt != null ? verifiedAt : now).plus(interval);
            Map<String, String> attributes = new LinkedHashMap<>();
            JsonNode attrs = k.path("attributes");
            if (!attrs.isMissingNode() && !attrs.isNull()) {
                if (!attrs.isObject()) {
                    p.add("attributes must be a mapping, e.g. {product: lumo-app}");
                } else {
                    for (Map.Entry<String, JsonNode> e : attrs.properties()) {
                        if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                            p.add("attribute " + IoSupport.printable(e.getKey()) + " must be a single value");
                        } else {
                            attributes.put(e.getKey(), e.getValue().asString());
                        }
                    }
                }
            }
            if (!p.isEmpty()) {
                return Located.bad(where, 1, g.id, p);
            }
            Instant created = k.has("article_created") ? instant(k, "article_created", now) : now;
            Article article = new Article(id, longKey(k, "version", 1), category,
                    ArticleType.of(text(k, "type", "faq")), owner, Set.copyOf(list(k, "article_tags")), attributes,
                    parseVisibility(text(k, "visibility", "internal")), src.locale(), interval, verifiedAt,
                    k.has("verified_by") ? text(k, "verified_by", null) : null, reviewDue, created,
                    k.has("article_updated") ? instant(k, "article_updated", now) : created, translations);
            List<AuditEvent> events = List.of();
            FeedbackSummary feedback = FeedbackSummary.EMPTY;
            if (g.audit != null) {
                JsonNode audit = Json.mapper().readTree(g.audit);
                JsonNode eventsNode = audit.get("events");
                events = eventsNode == null || eventsNode.isNull() ? List.of() : ArchiveJson.readEvents(eventsNode);
                JsonNode feedbackNode = audit.get("feedback");
                if (feedbackNode != null && !feedbackNode.isNull()) {
                    feedback = ArchiveJson.readFeedback(feedbackNode);
                }
            }
            ArticleArchive a = new ArticleArchive(article, revisions, events, feedback);
            List<String> nulls = IoSupport.missingFields(a);
            return nulls.isEmpty() ? Located.ok(where, 1, a) : Located.bad(where, 1, g.id, nulls);
        } catch (RuntimeException e) {
            p.add(IoSupport.reason(e));
            return Located.bad(where, 1, g.id, p);
        }
    }

    private static void translation(ArticleId id, Doc m, @Nullable Doc d, Map<Integer, Doc> history,
                                    String defaultAuthor, Instant now, Map<Locale, Translation> translations,
                                    Map<Locale, List<Revision>> revisions, List<String> p) {
        String tag = m.locale().toLanguageTag();
        ObjectNode k = m.keys();
        int mainN = intKey(k, "revision", 1);
        TranslationState mainState = parseState(text(k, "state", "draft"));
        TranslationState state;
        int latest;
        Integer published;
        if (d != null) {
            latest = intKey(d.keys(), "revision", mainN + 1);
            state = parseState(text(d.keys(), "state", "draft"));
            published = mainN;
            if (mainState != TranslationState.PUBLISHED) {
                p.add("[" + tag + "] a draft file sits beside a translation that is not published");
            }
            if (latest <= mainN) {
                p.add("[" + tag + "] the draft's revision " + latest + " must be newer than the published " + mainN);
            }
        } else {
            latest = mainN;
            state = mainState;
            if (k.has("published_revision")) {
                published = intKey(k, "published_revision", 0);
            } else {
                published = state == TranslationState.PUBLISHED ? Integer.valueOf(mainN) : null;
            }
        }
        if (mainN < 1) {
            p.add("[" + tag + "] revision must be 1 or more");
            return;
        }
        Map<Integer, Doc> byNumber = new TreeMap<>(history);
        byNumber.put(mainN, m);
        if (d != null) {
            byNumber.put(latest, d);
        }
        List<Revision> revs = new ArrayList<>();
        for (int n = 1; n <= latest; n++) {
            Doc r = byNumber.get(n);
            if (r == null && history.isEmpty() && n < mainN) {
                r = m; // a hand-written file numbered N: its older revisions are copies of it
            }
            if (r == null) {
                p.add("[" + tag + "] revision " + n + " is missing (expected " + HISTORY + "/.../" + id + "." + tag
                        + "." + n + ".md)");
                return;
            }
            ObjectNode rk = r.keys();
            ArticleContent c = new ArticleContent(text(rk, "title", ""), text(rk, "summary", ""), r.body(),
                    list(rk, "tags"));
            boolean copy = r == m && n != mainN;
            Integer restored = rk.has("restored_from") && !copy ? Integer.valueOf(intKey(rk, "restored_from", 0))
                    : null;
            revs.add(new Revision(id, m.locale(), n, c, text(rk, "author", defaultAuthor),
                    instant(rk, "created", now), copy ? "" : text(rk, "note", ""), c.hash(), restored,
                    !copy && "true".equals(text(rk, "minor", "false"))));
        }
        Instant updated = instant(k, "translation_updated", now);
        Instant publishedAt = k.has("published_at") ? instant(k, "published_at", now)
                : published == null ? null : revs.get(published - 1).createdAt();
        Integer translatedFrom = k.has("translated_from") ? Integer.valueOf(intKey(k, "translated_from", 0)) : null;
        translations.put(m.locale(), new Translation(m.locale(), state, latest, published, translatedFrom,
                k.has("publish_at") ? instant(k, "publish_at", now) : null,
                k.has("archive_at") ? instant(k, "archive_at", now) : null,
                k.has("submitted_by") ? text(k, "submitted_by", null) : null, publishedAt, updated));
        revisions.put(m.locale(), revs);
    }

    static TranslationState parseState(String s) {
        try {
            return TranslationState.valueOf(s.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("state \"" + IoSupport.printable(s) + "\" must be one of draft, "
                    + "in_review, approved, scheduled, published, archived");
        }
    }

    static String text(ObjectNode k, String key, @Nullable String fallback) {
        JsonNode v = k.get(key);
        if (v == null || v.isNull()) {
            if (fallback == null) {
                throw new IllegalArgumentException("front matter key \"" + key + "\" is missing");
            }
            return fallback;
        }
        if (!v.isValueNode()) {
            throw new IllegalArgumentException("front matter key \"" + key + "\" must be a single value");
        }
        return v.asString();
    }

    static int intKey(ObjectNode k, String key, int fallback) {
        long v = longKey(k, key, fallback);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("\"" + key + "\" is out of range");
        }
        return (int) v;
    }

    static long longKey(ObjectNode k, String key, long fallback) {
        JsonNode v = k.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.asLong();
        }
        if (v.isString() && v.asString().strip().matches("-?\\d{1,18}")) {
            return Long.parseLong(v.asString().strip());
        }
        throw new IllegalArgumentException("\"" + key + "\" must be a whole number");
    }

    static boolean bool(ObjectNode k, String key, boolean fallback) {
        JsonNode v = k.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        String s = v.asString().strip();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new IllegalArgumentException("\"" + key + "\" must be true or false");
    }

    static Instant instant(ObjectNode k, String key, Instant fallback) {
        JsonNode v = k.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        String s = v.asString().strip();
        try {
            return s.length() == 10 ? LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(s);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("\"" + key + "\" must be an ISO date or instant, e.g. "
                    + "2026-09-15 or 2026-09-15T10:00:00Z");
        }
    }

    static List<String> list(ObjectNode k, String key) {
        JsonNode v = k.get(key);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (v.isString()) {
            return Arrays.stream(v.asString().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
        if (!v.isArray()) {
            throw new IllegalArgumentException("\"" + key + "\" must be a list, e.g. [password, login]");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isValueNode() || e.isNull()) {
                throw new IllegalArgumentException("\"" + key + "\" must be a list of words");
            }
            out.add(e.asString());
        }
        return out;
    }
}
