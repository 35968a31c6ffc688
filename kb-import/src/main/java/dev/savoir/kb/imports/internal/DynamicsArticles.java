package dev.savoir.kb.imports.internal;

import dev.savoir.kb.ArticleArchive;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleType;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.InvalidLocaleException;
import dev.savoir.kb.TranslationState;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.feedback.FeedbackSummary;
import dev.savoir.kb.imports.internal.DynamicsRows.Row;
import dev.savoir.kb.io.ImportRecord;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns the rows of a Dynamics 365 export into one import record per article. Dynamics keeps every version and every
 * translation of an article as its own {@code knowledgearticle} row; the rows that share a {@code rootarticleid}
 * are one Savoir article, one translation per language, and of each language the latest version is kept (with the
 * published version before it as revision 1 when the latest is not the published one). The mapping is documented
 * on {@code DynamicsFormat}.
 */
public final class DynamicsArticles {
    /** Windows locale ids (LCID) of the languages Dynamics 365 ships, for exports that give a number. */
    private static final Map<Integer, String> LCID = Map.ofEntries(Map.entry(1025, "ar-SA"),
            Map.entry(1026, "bg-BG"), Map.entry(1027, "ca-ES"), Map.entry(1028, "zh-TW"), Map.entry(1029, "cs-CZ"),
            Map.entry(1030, "da-DK"), Map.entry(1031, "de-DE"), Map.entry(1032, "el-GR"), Map.entry(1033, "en-US"),
            Map.entry(1035, "fi-FI"), Map.entry(1036, "fr-FR"), Map.entry(1037, "he-IL"), Map.entry(1038, "hu-HU"),
            Map.entry(1040, "it-IT"), Map.entry(1041, "ja-JP"), Map.entry(1042, "ko-KR"), Map.entry(1043, "nl-NL"),
            Map.entry(1044, "nb-NO"), Map.entry(1045, "pl-PL"), Map.entry(1046, "pt-BR"), Map.entry(1048, "ro-RO"),
            Map.entry(1049, "ru-RU"), Map.entry(1050, "hr-HR"), Map.entry(1051, "sk-SK"), Map.entry(1053, "sv-SE"),
            Map.entry(1054, "th-TH"), Map.entry(1055, "tr-TR"), Map.entry(1057, "id-ID"), Map.entry(1058, "uk-UA"),
            Map.entry(1060, "sl-SI"), Map.entry(1066, "vi-VN"), Map.entry(2052, "zh-CN"), Map.entry(2057, "en-GB"),
            Map.entry(2070, "pt-PT"), Map.entry(3082, "es-ES"), Map.entry(3084, "fr-CA"), Map.entry(2058, "es-MX"),
            Map.entry(3076, "zh-HK"));
    private static final List<String> STATES = List.of("draft", "approved", "scheduled", "published", "expired",
            "archived", "discarded");
    private static final Pattern GUID = Pattern.compile("\\{?[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}}?");
    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]");

    /** How the rows are read. */
    public record Settings(CategoryPath defaultCategory, ArticleType type, String author) {
    }

    /** The records, and notes about what was left out. */
    public record Result(List<ImportRecord> records, List<String> skipped) {
    }

    /** One row, read. */
    private record Version(Row row, Locale locale, int major, int minor, String state, Instant created,
                           Instant modified) {
        String label() {
            return major + "." + minor;
        }
    }

    private final String file;
    private final Settings settings;
    private final Attachments files;
    private final HtmlBodies html;
    private final List<String> skipped = new ArrayList<>();
    private final Instant now = Instant.now();

    private DynamicsArticles(String file, Settings settings, Attachments files, HtmlBodies html) {
        this.file = file;
        this.settings = settings;
        this.files = files;
        this.html = html;
    }

    /** The records of the rows; adds the images to write to {@code files}. */
    public static Result read(String file, List<Row> rows, Settings settings, Attachments files, HtmlBodies html) {
        return new DynamicsArticles(file, settings, files, html).read(rows);
    }

    private Result read(List<Row> rows) {
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        List<ImportRecord> records = new ArrayList<>();
        for (Row r : rows) {
            String key = r.get("rootarticleid").isEmpty() ? r.get("knowledgearticleid") : r.get("rootarticleid");
            if (key.isEmpty()) {
                records.add(ImportRecord.rejected(file, r.line(), null, List.of("the record has neither "
                        + "rootarticleid nor knowledgearticleid")));
                continue;
            }
            groups.computeIfAbsent(key.toLowerCase(Locale.ROOT).replaceAll("[{}]", ""), k -> new ArrayList<>())
                    .add(r);
        }
        groups.forEach((root, group) -> records.add(article(root, group)));
        return new Result(records, List.copyOf(skipped));
    }

    private ImportRecord article(String root, List<Row> group) {
        long line = group.getFirst().line();
        List<String> problems = new ArrayList<>();
        Set<String> numbers = new LinkedHashSet<>();
        group.forEach(r -> {
            if (!r.get("articlepublicnumber").isEmpty()) {
                numbers.add(r.get("articlepublicnumber"));
            }
        });
        if (numbers.size() > 1) {
            problems.add("the records of root article " + root + " have different article public numbers "
                    + numbers);
        }
        String idText = numbers.isEmpty() ? root : numbers.iterator().next();
        try {
            ArticleId id = ArticleId.of(idText);
            List<Version> versions = new ArrayList<>();
            for (Row r : group) {
                Version v = version(r, problems);
                if (v != null && v.state().equals("discarded")) {
                    skipped.add(file + ":" + r.line() + " (" + idText + " [" + v.locale().toLanguageTag() + "] "
                            + v.label() + "): discarded in Dynamics, left out");
                } else if (v != null) {
                    versions.add(v);
                }
            }
            Map<Locale, List<Version>> byLocale = new LinkedHashMap<>();
            for (Version v : versions) {
                byLocale.computeIfAbsent(v.locale(), k -> new ArrayList<>()).add(v);
            }
            if (problems.isEmpty() && byLocale.isEmpty()) {
                skipped.add(file + ":" + line + " (" + idText + "): every version was discarded, left out");
                return ImportRecord.rejected(file, line, idText, List.of("every version of the article was "
                        + "discarded in Dynamics: nothing to import (remove its records from the export)"));
            }
            if (versions.isEmpty()) {
                return ImportRecord.rejected(file, line, idText, ZendeskExport.distinct(problems));
            }
            Locale source = sourceLocale(root, versions);
            Attachments.Scope own = files.scope(idText);
            List<Archives.Tr> translations = new ArrayList<>();
            Version latestSource = null;
            for (Map.Entry<Locale, List<Version>> e : byLocale.entrySet()) {
                List<Version> vs = e.getValue();
                vs.sort(Comparator.comparingInt(Version::major).thenComparingInt(Version::minor));
                for (int i = 1; i < vs.size(); i++) {
                    if (vs.get(i).major() == vs.get(i - 1).major() && vs.get(i).minor() == vs.get(i - 1).minor()) {
                        problems.add("rows " + vs.get(i - 1).row().line() + " and " + vs.get(i).row().line()
                                + " are both version " + vs.get(i).label() + " [" + e.getKey().toLanguageTag() + "]");
                    }
                }
                Version latest = vs.getLast();
                Version published = null;
                for (Version v : vs) {
                    if (v.state().equals("published") && v != latest) {
                        published = v;
                    }
                }
                for (Version v : vs) {
                    if (v != latest && v != published) {
                        skipped.add(file + ":" + v.row().line() + " (" + idText + " [" + e.getKey().toLanguageTag()
                                + "] " + v.label() + "): an older version, left out (the latest, " + latest.label()
                                + ", is kept)");
                    }
                }
                translations.add(translation(idText, latest, published, own, problems));
                if (e.getKey().equals(source)) {
                    latestSource = latest;
                }
            }
            if (latestSource == null && problems.isEmpty()) {
                problems.add("no version in its source language " + source.toLanguageTag());
            }
            if (!problems.isEmpty() || latestSource == null) {
                return ImportRecord.rejected(file, line, idText, ZendeskExport.distinct(problems));
            }
            Row src = latestSource.row();
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("dynamics.rootarticleid", root);
            attrs.put("dynamics.version", latestSource.label());
            if (!numbers.isEmpty()) {
                attrs.put("dynamics.articlepublicnumber", idText);
            }
            Set<String> tags = new LinkedHashSet<>(keywords(src.get("keywords")));
            Instant created = versions.stream().map(Version::created).min(Comparator.naturalOrder()).orElse(now);
            Instant updated = versions.stream().map(Version::modified).max(Comparator.naturalOrder()).orElse(now);
            ArticleArchive archive = Archives.archive(new Archives.Meta(id, category(src, problems), settings.type(),
                    tags, attrs, visibility(src, problems), source, created, updated), translations, settings.author(),
                    FeedbackSummary.EMPTY);
            if (!problems.isEmpty()) {
                return ImportRecord.rejected(file, line, idText, ZendeskExport.distinct(problems));
            }
            own.commit();
            return ImportRecord.of(file, line, archive);
        } catch (RuntimeException e) {
            problems.add(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return ImportRecord.rejected(file, line, idText, ZendeskExport.distinct(problems));
        }
    }

    private @Nullable Version version(Row r, List<String> problems) {
        String where = "row " + r.line() + ": ";
        int size = problems.size();
        Locale locale = null;
        try {
            locale = locale(r);
        } catch (InvalidLocaleException e) {
            problems.add(where + e.getMessage());
        }
        String state = state(r.get("statecode"));
        if (state == null) {
            problems.add(where + "unknown statecode \"" + r.get("statecode") + "\": expected 0-6 or Draft, "
                    + "Approved, Scheduled, Published, Expired, Archived, Discarded");
        }
        if (r.get("title").isEmpty()) {
            problems.add(where + "the title is missing");
        }
        int major = number(r, "majorversionnumber", 1, problems);
        int minor = number(r, "minorversionnumber", 0, problems);
        Instant created = instant(r, "createdon", problems);
        Instant modified = instant(r, "modifiedon", problems);
        if ("scheduled".equals(state) && r.get("publishon").isEmpty()) {
            problems.add(where + "scheduled without a publishon time");
        }
        return problems.size() > size || locale == null || state == null ? null
                : new Version(r, locale, major, minor, state, created, modified);
    }

    private Archives.Tr translation(String idText, Version latest, @Nullable Version published,
                                    Attachments.Scope own, List<String> problems) {
        List<Archives.Rev> revs = new ArrayList<>();
        if (published != null) {
            revs.add(rev(idText, published, own));
        }
        revs.add(rev(idText, latest, own));
        Integer publishedRev = published != null ? Integer.valueOf(1) : latest.state().equals("published")
                ? Integer.valueOf(1) : null;
        TranslationState state = switch (latest.state()) {
            case "approved" -> TranslationState.APPROVED;
            case "scheduled" -> TranslationState.SCHEDULED;
            case "published" -> TranslationState.PUBLISHED;
            case "expired", "archived" -> TranslationState.ARCHIVED;
            default -> inReview(latest.row().get("statuscode")) ? TranslationState.IN_REVIEW : TranslationState.DRAFT;
        };
        if (state == TranslationState.ARCHIVED) {
            publishedRev = null;
        }
        Instant scheduled = state == TranslationState.SCHEDULED ? instant(latest.row(), "publishon", problems) : null;
        Version live = published != null ? published : latest;
        return new Archives.Tr(latest.locale(), revs, state, publishedRev, scheduled,
                publishedRev == null ? null : live.modified(), latest.modified());
    }

    private Archives.Rev rev(String idText, Version v, Attachments.Scope own) {
        String body = html.toMarkdown(v.row().get("content"), src -> {
            HtmlBodies.DataImage data = HtmlBodies.dataImage(src);
            if (data != null) {
                if (own.enabled()) {
                    return own.add(data.name(), data.data(), null);
                }
                skipped.add(idText + ": an embedded image left out (no attachments folder is configured)");
                return null;
            }
            return src.startsWith("data:") || src.toLowerCase(Locale.ROOT).startsWith("javascript:") ? null : src;
        });
        ArticleContent c = new ArticleContent(v.row().get("title"), v.row().get("description"), body,
                keywords(v.row().get("keywords")));
        return new Archives.Rev(c, v.modified(), "imported from Dynamics 365 version " + v.label() + " ("
                + v.row().get("knowledgearticleid") + ")");
    }

    private static Locale locale(Row r) {
        for (String field : List.of("languagelocaleid", "languagelocaleid@name", "languagecode", "language")) {
            String v = r.get(field);
            if (v.isEmpty() || GUID.matcher(v).matches()) {
                continue;
            }
            if (v.chars().allMatch(Character::isDigit)) {
                String tag = v.length() < 7 ? LCID.get(Integer.parseInt(v)) : null;
                if (tag == null) {
                    throw new InvalidLocaleException("unknown locale id " + v + " in " + field + ": give the language "
                            + "code (such as en-US) or a Dynamics 365 LCID such as 1033");
                }
                return Archives.knownLocale(tag);
            }
            return Archives.knownLocale(v);
        }
        throw new InvalidLocaleException("no language: export languagelocaleid with its language code (such as "
                + "en-US) or LCID (such as 1033)");
    }

    private static @Nullable String state(String v) {
        String s = v.strip().toLowerCase(Locale.ROOT);
        if (s.length() == 1 && Character.isDigit(s.charAt(0)) && s.charAt(0) <= '6') {
            return STATES.get(s.charAt(0) - '0');
        }
        return STATES.contains(s) ? s : null;
    }

    private static boolean inReview(String statuscode) {
        String s = statuscode.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        return s.equals("inreview") || s.equals("needsreview");
    }

    private Locale sourceLocale(String root, List<Version> versions) {
        for (Version v : versions) {
            String own = v.row().get("knowledgearticleid").toLowerCase(Locale.ROOT).replaceAll("[{}]", "");
            if (own.equals(root) || v.row().get("isprimary").equalsIgnoreCase("true")
                    || v.row().get("isrootarticle").equalsIgnoreCase("true")) {
                return v.locale();
            }
        }
        return versions.stream().min(Comparator.comparing(Version::created)).map(Version::locale)
                .orElseThrow(() -> new IllegalStateException("no version"));
    }

    private CategoryPath category(Row r, List<String> problems) {
        String subject = r.get("subjectid@name").isEmpty() ? r.get("subjectid") : r.get("subjectid@name");
        if (subject.isEmpty() || GUID.matcher(subject).matches()) {
            return settings.defaultCategory();
        }
        try {
            return CategoryPath.parse(subject);
        } catch (RuntimeException e) {
            problems.add("subject \"" + subject + "\": " + e.getMessage());
            return settings.defaultCategory();
        }
    }

    private static Visibility visibility(Row r, List<String> problems) {
        String v = r.get("isinternal").toLowerCase(Locale.ROOT);
        return switch (v) {
            case "false", "0", "no" -> Visibility.PUBLIC;
            case "", "true", "1", "yes" -> Visibility.INTERNAL;
            default -> {
                problems.add("isinternal \"" + v + "\" is not true or false");
                yield Visibility.INTERNAL;
            }
        };
    }

    private static List<String> keywords(String v) {
        return Arrays.stream(v.split("[,;]")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    private static int number(Row r, String field, int otherwise, List<String> problems) {
        String v = r.get(field);
        if (v.isEmpty()) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("row " + r.line() + ": " + field + " \"" + v + "\" is not a version number");
        return otherwise;
    }

    private Instant instant(Row r, String field, List<String> problems) {
        String v = r.get(field);
        if (v.isEmpty()) {
            return now;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(v.replace('T', ' '), SPACED).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                problems.add("row " + r.line() + ": " + field + " \"" + v + "\" is not a time (use ISO-8601, such as"
                        + " 2026-03-01T09:00:00Z)");
                return now;
            }
        }
    }
}
