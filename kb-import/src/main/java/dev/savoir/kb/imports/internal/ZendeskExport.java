package dev.savoir.kb.imports.internal;

import dev.savoir.kb.ArticleArchive;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleType;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.TranslationState;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.feedback.FeedbackSummary;
import dev.savoir.kb.imports.internal.JsonItems.Item;
import dev.savoir.kb.io.ImportRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a Zendesk Guide export folder (the Help Center API's list responses saved as files) into import records:
 * one per article, with its translations, its category path from its section and category, its visibility from
 * its user segment, and its attachments. The mapping is documented on {@code ZendeskFormat}.
 */
public final class ZendeskExport {
    private static final Pattern ATTACHMENT_URL = Pattern.compile("/article_attachments/(\\d+)(?=/|\\?|#|$)");
    private static final Pattern SEGMENT_SAFE = Pattern.compile("[^a-z0-9._-]+");

    /** How the export is read. */
    public record Settings(String idPrefix, ArticleType type, long maxFileBytes, long maxAttachmentBytes,
                           String author) {
    }

    /** The records, and notes about what was left out. */
    public record Result(List<ImportRecord> records, List<String> skipped) {
    }

    private final Path dir;
    private final Settings settings;
    private final Attachments files;
    private final HtmlBodies html;
    private final List<String> skipped = new ArrayList<>();
    private final Instant now = Instant.now();

    private ZendeskExport(Path dir, Settings settings, Attachments files, HtmlBodies html) {
        this.dir = dir;
        this.settings = settings;
        this.files = files;
        this.html = html;
    }

    /**
     * Reads the whole folder; adds the files to write to {@code files}.
     *
     * @throws dev.savoir.kb.io.ImportRejectedException if the folder or one of its files is malformed
     */
    public static Result read(Path dir, Settings settings, Attachments files, HtmlBodies html) {
        return new ZendeskExport(dir, settings, files, html).read();
    }

    private Result read() {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw JsonItems.refused(String.valueOf(dir.getFileName()), 0, "is not a folder: pass the folder that "
                    + "holds categories.json, sections.json and articles.json");
        }
        Map<Long, JsonNode> categories = byId("categories.json", "categories");
        Map<Long, JsonNode> sections = byId("sections.json", "sections");
        Map<Long, JsonNode> segments = Files.exists(dir.resolve("user_segments.json"), LinkOption.NOFOLLOW_LINKS)
                ? byId("user_segments.json", "user_segments") : Map.of();
        List<ImportRecord> records = new ArrayList<>();
        for (Item item : JsonItems.read(dir.resolve("articles.json"), "articles.json", "articles",
                settings.maxFileBytes())) {
            records.add(article(item, categories, sections, segments));
        }
        return new Result(records, List.copyOf(skipped));
    }

    private Map<Long, JsonNode> byId(String file, String key) {
        Map<Long, JsonNode> out = new HashMap<>();
        for (Item i : JsonItems.read(dir.resolve(file), file, key, settings.maxFileBytes())) {
            JsonNode id = i.node().get("id");
            if (id == null || !id.canConvertToLong()) {
                throw JsonItems.refused(file, i.line(), "an entry of \"" + key + "\" has no numeric \"id\"");
            }
            if (out.put(id.asLong(), i.node()) != null) {
                throw JsonItems.refused(file, i.line(), "the id " + id.asLong() + " appears twice");
            }
        }
        return out;
    }

    private ImportRecord article(Item item, Map<Long, JsonNode> categories, Map<Long, JsonNode> sections,
                                 Map<Long, JsonNode> segments) {
        JsonNode a = item.node();
        JsonNode zid = a.get("id");
        if (zid == null || !zid.canConvertToLong()) {
            return ImportRecord.rejected("articles.json", item.line(), null, List.of("the article has no numeric "
                    + "\"id\""));
        }
        long articleId = zid.asLong();
        String idText = settings.idPrefix() + articleId;
        List<String> problems = new ArrayList<>();
        try {
            ArticleId id = ArticleId.of(idText);
            CategoryPath category = category(a, categories, sections, problems);
            Visibility visibility = visibility(a, segments, problems);
            Map<Locale, JsonNode> contents = contents(a, articleId, problems);
            String sourceTag = JsonItems.text(a, "source_locale").isBlank() ? JsonItems.text(a, "locale")
                    : JsonItems.text(a, "source_locale");
            Locale source = null;
            try {
                source = Archives.knownLocale(sourceTag);
            } catch (RuntimeException e) {
                if (problems.stream().noneMatch(p -> p.endsWith(String.valueOf(e.getMessage())))) {
                    problems.add("source_locale: " + e.getMessage());
                }
            }
            if (source != null && !contents.containsKey(source)) {
                problems.add("no translation in its source locale " + sourceTag);
            }
            Attachments.Scope own = files.scope(idText);
            Map<Long, JsonNode> attachments = attachments(articleId, problems);
            String links = attachmentList(idText, attachments, own, problems);
            List<Archives.Tr> translations = new ArrayList<>();
            Set<String> outdated = new TreeSet<>();
            for (Map.Entry<Locale, JsonNode> e : contents.entrySet()) {
                JsonNode t = e.getValue();
                String where = "[" + JsonItems.text(t, "locale") + "] ";
                String title = JsonItems.text(t, "title").strip();
                if (title.isEmpty()) {
                    problems.add(where + "the title is missing");
                }
                String body = html.toMarkdown(JsonItems.text(t, "body"),
                        src -> image(src, idText, attachments, own, problems));
                if (!links.isEmpty()) {
                    body = body + "\n\n" + links;
                }
                Instant created = instant(t, "created_at", where, problems);
                Instant updated = instant(t, "updated_at", where, problems);
                boolean draft = t.path("draft").asBoolean(false);
                if (t.path("outdated").asBoolean(false)) {
                    outdated.add(e.getKey().toLanguageTag());
                }
                translations.add(new Archives.Tr(e.getKey(), List.of(new Archives.Rev(new ArticleContent(title, "",
                        body, List.of()), created, "imported from Zendesk article " + articleId)),
                        draft ? TranslationState.DRAFT : TranslationState.PUBLISHED, draft ? null : 1, null,
                        draft ? null : updated, updated));
            }
            if (!problems.isEmpty() || source == null) {
                return ImportRecord.rejected("articles.json", item.line(), idText, distinct(problems));
            }
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("zendesk.id", String.valueOf(articleId));
            putIfSet(attrs, "zendesk.section_id", JsonItems.text(a, "section_id"));
            putIfSet(attrs, "zendesk.html_url", JsonItems.text(a, "html_url"));
            putIfSet(attrs, "zendesk.permission_group_id", JsonItems.text(a, "permission_group_id"));
            putIfSet(attrs, "zendesk.author_id", JsonItems.text(a, "author_id"));
            putIfSet(attrs, "zendesk.outdated_locales", String.join(",", outdated));
            Set<String> tags = new LinkedHashSet<>();
            a.path("label_names").forEach(l -> {
                if (!l.asString().isBlank()) {
                    tags.add(l.asString().strip());
                }
            });
            long votes = Math.max(0, a.path("vote_count").asLong(0));
            long sum = Math.max(-votes, Math.min(votes, a.path("vote_sum").asLong(0)));
            FeedbackSummary feedback = votes == 0 ? FeedbackSummary.EMPTY
                    : new FeedbackSummary(0, (votes + sum) / 2, (votes - sum) / 2, Map.of(), 0);
            Instant created = instant(a, "created_at", "", problems);
            Instant updated = instant(a, "updated_at", "", problems);
            ArticleArchive archive = Archives.archive(new Archives.Meta(id, category, settings.type(), tags, attrs,
                    visibility, source, created, updated), translations, settings.author(), feedback);
            own.commit();
            return ImportRecord.of("articles.json", item.line(), archive);
        } catch (dev.savoir.kb.io.ImportRejectedException e) {
            throw e;
        } catch (RuntimeException e) {
            problems.add(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return ImportRecord.rejected("articles.json", item.line(), idText, distinct(problems));
        }
    }

    private CategoryPath category(JsonNode a, Map<Long, JsonNode> categories, Map<Long, JsonNode> sections,
                                  List<String> problems) {
        JsonNode sid = a.get("section_id");
        if (sid == null || !sid.canConvertToLong()) {
            problems.add("the article has no \"section_id\"");
            return CategoryPath.of("Zendesk");
        }
        List<String> names = new ArrayList<>();
        Set<Long> seen = new java.util.HashSet<>();
        long current = sid.asLong();
        JsonNode section = sections.get(current);
        if (section == null) {
            problems.add("unknown section " + current + ": it is not in sections.json");
            return CategoryPath.of("Zendesk");
        }
        while (true) {
            if (!seen.add(current)) {
                problems.add("the sections above section " + sid.asLong() + " form a cycle");
                return CategoryPath.of("Zendesk");
            }
            names.addFirst(Archives.segment(JsonItems.text(section, "name")));
            JsonNode parent = section.get("parent_section_id");
            if (parent == null || parent.isNull()) {
                break;
            }
            current = parent.asLong();
            section = sections.get(current);
            if (section == null) {
                problems.add("unknown parent section " + current + " of section " + sid.asLong());
                return CategoryPath.of("Zendesk");
            }
        }
        long cid = section.path("category_id").asLong(-1);
        JsonNode category = categories.get(cid);
        if (category == null) {
            problems.add("section " + current + " belongs to category " + cid + ", which is not in categories.json");
            return CategoryPath.of("Zendesk");
        }
        names.addFirst(Archives.segment(JsonItems.text(category, "name")));
        return new CategoryPath(names);
    }

    private Visibility visibility(JsonNode a, Map<Long, JsonNode> segments, List<String> problems) {
        JsonNode sid = a.get("user_segment_id");
        if (sid == null || sid.isNull()) {
            return Visibility.PUBLIC;
        }
        JsonNode segment = segments.get(sid.asLong());
        if (segment == null) {
            problems.add("unknown user segment " + sid.asString() + ": add user_segments.json (the response of "
                    + "GET /api/v2/help_center/user_segments) to the export");
            return Visibility.INTERNAL;
        }
        String type = JsonItems.text(segment, "user_type");
        if (type.equals("staff")) {
            return Visibility.INTERNAL;
        }
        if (!type.equals("signed_in_users")) {
            problems.add("user segment " + sid.asString() + " has the user_type \"" + type + "\": expected "
                    + "\"signed_in_users\" or \"staff\"");
            return Visibility.INTERNAL;
        }
        boolean everyone = segment.path("built_in").asBoolean(false) || (segment.path("tags").isEmpty()
                && segment.path("or_tags").isEmpty() && segment.path("organization_ids").isEmpty()
                && segment.path("group_ids").isEmpty());
        if (everyone) {
            return Visibility.segments("signed-in");
        }
        String name = SEGMENT_SAFE.matcher(JsonItems.text(segment, "name").toLowerCase(Locale.ROOT)).replaceAll("-")
                .replaceAll("^[._-]+|[._-]+$", "");
        return Visibility.segments(name.isEmpty() || name.length() > 64 ? "zendesk-segment-" + sid.asLong() : name);
    }

    /** The article's content per locale: the article itself, then its translations file (which wins). */
    private Map<Locale, JsonNode> contents(JsonNode a, long articleId, List<String> problems) {
        Map<Locale, JsonNode> out = new LinkedHashMap<>();
        put(out, a, problems);
        String file = "translations/" + articleId + ".json";
        if (Files.exists(dir.resolve(file), LinkOption.NOFOLLOW_LINKS)) {
            for (Item t : JsonItems.read(dir.resolve(file), file, "translations", settings.maxFileBytes())) {
                String type = JsonItems.text(t.node(), "source_type");
                long source = t.node().path("source_id").asLong(articleId);
                if (!type.isEmpty() && !type.equalsIgnoreCase("article") || source != articleId) {
                    problems.add(file + ":" + t.line() + " is a translation of " + type + " " + source
                            + ", not of article " + articleId);
                    continue;
                }
                put(out, t.node(), problems);
            }
        }
        return out;
    }

    private static void put(Map<Locale, JsonNode> out, JsonNode t, List<String> problems) {
        try {
            out.put(Archives.knownLocale(JsonItems.text(t, "locale")), t);
        } catch (RuntimeException e) {
            problems.add("[" + JsonItems.text(t, "locale") + "] " + e.getMessage());
        }
    }

    private Map<Long, JsonNode> attachments(long articleId, List<String> problems) {
        String file = "article_attachments/" + articleId + ".json";
        Map<Long, JsonNode> out = new LinkedHashMap<>();
        if (!Files.exists(dir.resolve(file), LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        for (Item i : JsonItems.read(dir.resolve(file), file, "article_attachments", settings.maxFileBytes())) {
            JsonNode id = i.node().get("id");
            if (id == null || !id.canConvertToLong() || JsonItems.text(i.node(), "file_name").isBlank()) {
                problems.add(file + ":" + i.line() + " an attachment needs a numeric \"id\" and a \"file_name\"");
                continue;
            }
            out.put(id.asLong(), i.node());
        }
        return out;
    }

    /** The Markdown list of the non-inline attachments, empty when there are none. */
    private String attachmentList(String idText, Map<Long, JsonNode> attachments, Attachments.Scope own,
                                  List<String> problems) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Long, JsonNode> e : attachments.entrySet()) {
            if (e.getValue().path("inline").asBoolean(false)) {
                continue;
            }
            String name = JsonItems.text(e.getValue(), "file_name");
            String link = link(idText, e.getKey(), e.getValue(), own, problems);
            if (link != null) {
                sb.append(sb.isEmpty() ? "" : "\n").append("- [").append(name.replace("[", "\\[")
                        .replace("]", "\\]")).append("](").append(link.replace(" ", "%20")).append(")");
            }
        }
        return sb.toString();
    }

    private @Nullable String image(String src, String idText, Map<Long, JsonNode> attachments, Attachments.Scope own,
                                   List<String> problems) {
        Matcher m = ATTACHMENT_URL.matcher(src);
        if (m.find()) {
            long aid = Long.parseLong(m.group(1));
            JsonNode att = attachments.get(aid);
            if (att != null) {
                return link(idText, aid, att, own, problems);
            }
        }
        HtmlBodies.DataImage data = HtmlBodies.dataImage(src);
        if (data != null) {
            if (own.enabled()) {
                return own.add(data.name(), data.data(), null);
            }
            skipped.add(idText + ": an embedded image left out (no attachments folder is configured)");
            return null;
        }
        return src.startsWith("data:") || src.toLowerCase(Locale.ROOT).startsWith("javascript:") ? null : src;
    }

    /** Where an attachment of the export is linked from: the attachments folder, or its Zendesk URL without one. */
    private @Nullable String link(String idText, long aid, JsonNode att, Attachments.Scope own, List<String> problems) {
        String name = JsonItems.text(att, "file_name");
        String url = JsonItems.text(att, "content_url");
        if (!own.enabled()) {
            skipped.add(idText + ": attachment " + aid + " (" + name + ") left out, linked to its Zendesk URL (no "
                    + "attachments folder is configured)");
            return url.startsWith("https://") || url.startsWith("http://") ? url : null;
        }
        String rel = "article_attachments/" + aid + "/" + name;
        Path base = dir.toAbsolutePath().normalize();
        Path file = base.resolve(rel).normalize();
        try {
            if (!file.startsWith(base.resolve("article_attachments")) || !Files.isRegularFile(file,
                    LinkOption.NOFOLLOW_LINKS)) {
                problems.add("attachment " + aid + " (" + name + "): the file " + rel + " is missing from the export"
                        + " (or not a regular file)");
                return null;
            }
            if (Files.size(file) > settings.maxAttachmentBytes()) {
                problems.add("attachment " + aid + " (" + name + ") is " + Files.size(file) + " bytes, over the "
                        + "limit of " + settings.maxAttachmentBytes());
                return null;
            }
        } catch (IOException e) {
            problems.add("attachment " + aid + ": " + e.getMessage());
            return null;
        }
        return own.add(aid + "-" + name, null, file);
    }

    private Instant instant(JsonNode n, String field, String where, List<String> problems) {
        String v = JsonItems.text(n, field);
        if (v.isBlank()) {
            return now;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            problems.add(where + "\"" + field + "\" is not an ISO-8601 time: " + v);
            return now;
        }
    }

    static List<String> distinct(List<String> problems) {
        return List.copyOf(new LinkedHashSet<>(problems));
    }

    private static void putIfSet(Map<String, String> attrs, String key, String value) {
        if (!value.isBlank()) {
            attrs.put(key, value);
        }
    }
}
