package dev.savoir.kb.io;

import dev.savoir.kb.Actor;
import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleArchive;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleType;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.feedback.FeedbackSummary;
import dev.savoir.kb.KbException;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.Locales;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Translation;
import dev.savoir.kb.TranslationState;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.internal.Check;
import dev.savoir.kb.internal.Json;
import dev.savoir.kb.internal.gate.InputLimits;
import dev.savoir.kb.internal.io.Importer;
import dev.savoir.kb.internal.io.Importer.Located;
import dev.savoir.kb.internal.io.IoSupport;
import dev.savoir.kb.internal.io.MarkdownCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * The published content as a flat CSV file for spreadsheets (Jackson's CSV format, RFC 4180 quoting, a header row):
 * one row per published translation, with the columns {@value #HEADER}.
 *
 * <ul>
 *   <li>{@code source}: {@code true} on the source translation's row;</li>
 *   <li>{@code tags}: the translation's keywords, separated by {@code ;} (a {@code ;} inside a tag is written as
 *       {@code ,}); {@code article_tags}: the article's language-neutral tags, the same way;</li>
 *   <li>{@code category}: {@code Billing > Invoices}; {@code visibility}: {@code public}, {@code internal} or
 *       {@code segments:a,b};</li>
 *   <li>{@code attributes}: a JSON object ({@code {"product":"lumo-app"}}); an import also accepts
 *       {@code product=lumo-app; crm=case}.</li>
 * </ul>
 *
 * <p>An import always creates drafts (a spreadsheet is not reviewed content): one article per id, its metadata from
 * the row marked {@code source} (else the first row of the id), one translation per row. The columns {@code id},
 * {@code locale}, {@code title}, {@code body} and {@code category} are required, the others optional (type
 * {@code faq}, visibility {@code internal} by default); unknown or repeated columns refuse the file. Rows with an
 * invalid id, locale, category, type or visibility, a wrong number of fields, or the same id and locale as an earlier
 * row are rejected with their row number (the header is row 1). Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class CsvFormat {
    /** The columns, in the order an export writes them. */
    public static final String HEADER = "id,locale,source,title,summary,body,tags,article_tags,category,type,"
            + "visibility,owner,attributes";

    private static final List<String> COLUMNS = List.of(HEADER.split(","));
    private static final Set<String> REQUIRED = Set.of("id", "locale", "title", "body", "category");
    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvReadFeature.WRAP_AS_ARRAY)
            .enable(CsvReadFeature.SKIP_EMPTY_LINES)
            .build();
    private static final CsvFormat INSTANCE = new CsvFormat();

    private CsvFormat() {
    }

    /** The CSV format. */
    public static CsvFormat create() {
        return INSTANCE;
    }

    /**
     * Writes one row per published translation (its published revision). The stream is flushed, not closed.
     *
     * @param actor an actor allowed to read drafts (the export reads every article's published revision)
     * @return the number of rows written
     */
    public long export(KnowledgeBase kb, Actor actor, OutputStream out) {
        Check.notNull("kb", kb);
        Check.notNull("actor", actor);
        Check.notNull("out", out);
        CsvSchema.Builder sb = CsvSchema.builder();
        COLUMNS.forEach(sb::addColumn);
        long rows = 0;
        try (SequenceWriter w = CSV.writer(sb.build().withHeader()).writeValues(IoSupport.nonClosing(out))) {
            for (ArticleId id : kb.articleIds()) {
                ArticleArchive archive = kb.exportArchive(actor, id);
                Article a = archive.article();
                List<Translation> ts = new ArrayList<>(a.translations().values());
                ts.sort(Comparator.comparing((Translation t) -> !t.locale().equals(a.sourceLocale()))
                        .thenComparing(t -> t.locale().toLanguageTag()));
                for (Translation t : ts) {
                    Integer published = t.publishedRevision();
                    if (published == null) {
                        continue;
                    }
                    ArticleContent c = archive.revisions().get(t.locale()).get(published - 1).content();
                    Map<String, String> row = new LinkedHashMap<>();
                    row.put("id", id.value());
                    row.put("locale", t.locale().toLanguageTag());
                    row.put("source", String.valueOf(t.locale().equals(a.sourceLocale())));
                    row.put("title", c.title());
                    row.put("summary", c.summary());
                    row.put("body", c.body());
                    row.put("tags", joinTags(c.tags()));
                    row.put("article_tags", joinTags(a.tags().stream().sorted().toList()));
                    row.put("category", a.category().toString());
                    row.put("type", a.type().name());
                    row.put("visibility", visibility(a.visibility()));
                    row.put("owner", a.owner());
                    row.put("attributes", a.attributes().isEmpty() ? ""
                            : Json.mapper().writeValueAsString(new TreeMap<>(a.attributes())));
                    w.write(row);
                    rows++;
                }
            }
        } catch (JacksonException e) {
            throw new KbException("writing the CSV export failed: " + e.getOriginalMessage(), e);
        }
        return rows;
    }

    /**
     * Imports a CSV file as drafts: checks every row, then writes the articles in batches.
     *
     * @param options must not ask to keep states (a CSV file holds no lifecycle)
     * @throws ImportRejectedException if the columns are wrong or rows are invalid (each listed with its row);
     *     nothing was written
     * @throws InvalidArgumentException if the options ask to keep states
     */
    public ImportReport importFrom(KnowledgeBase kb, Actor actor, Path file, ImportOptions options) {
        Check.notNull("kb", kb);
        Check.notNull("actor", actor);
        Check.notNull("file", file);
        if (Check.notNull("options", options).keepStates()) {
            throw new InvalidArgumentException("options", "a CSV import always creates drafts: keepStates applies "
                    + "to the JSON and Markdown formats only, leave it false here");
        }
        String name = String.valueOf(file.getFileName());
        List<Located> records = parse(file, name, actor.id(), Instant.now());
        return Importer.run(kb::articleIds, kb::importArchives, new InputLimits(kb.maxBodyBytes()), actor,
                sink -> records.forEach(sink), options, List.of(), () -> 0);
    }

    private record Row(int number, Map<String, String> fields) {
    }

    private static List<Located> parse(Path file, String name, String actorId, Instant now) {
        List<Row> rows = new ArrayList<>();
        int number = 1;
        try (InputStream in = Files.newInputStream(file);
             MappingIterator<List<String>> it = CSV.readerFor(new TypeReference<List<String>>() { })
                     .readValues(in)) {
            if (!it.hasNextValue()) {
                throw malformed(name, 0, "the file is empty: the first row must be the header " + HEADER);
            }
            List<String> h = new ArrayList<>(it.nextValue().stream()
                    .map(c -> c == null ? "" : c.strip().toLowerCase(Locale.ROOT)).toList());
            if (!h.isEmpty() && h.getFirst().startsWith("\uFEFF")) {
                h.set(0, h.getFirst().substring(1));
            }
            List<String> header = List.copyOf(h);
            List<String> unknown = header.stream().filter(c -> !COLUMNS.contains(c)).toList();
            List<String> missing = REQUIRED.stream().filter(r -> !header.contains(r)).sorted().toList();
            if (!unknown.isEmpty() || !missing.isEmpty() || new LinkedHashSet<>(header).size() != header.size()) {
                throw malformed(name, 1, "wrong columns" + (unknown.isEmpty() ? "" : ", unknown: " + unknown.stream()
                        .map(IoSupport::printable).toList()) + (missing.isEmpty() ? "" : ", missing: " + missing)
                        + (new LinkedHashSet<>(header).size() != header.size() ? ", repeated columns" : "")
                        + ": the columns are " + HEADER + " (id, locale, title, body and category are required)");
            }
            while (it.hasNextValue()) {
                number++;
                List<String> values = it.nextValue();
                Map<String, String> fields = new HashMap<>();
                if (values.size() != header.size()) {
                    fields.put("?", values.size() + " fields, but the header has " + header.size());
                } else {
                    for (int i = 0; i < header.size(); i++) {
                        fields.put(header.get(i), values.get(i) == null ? "" : values.get(i));
                    }
                }
                rows.add(new Row(number, fields));
            }
        } catch (JacksonException e) {
            throw malformed(name, number + 1, "not valid CSV: " + IoSupport.reason(e));
        } catch (IOException e) {
            throw malformed(name, 0, "cannot read the file: " + e);
        }
        return records(name, rows, actorId, now);
    }

    private static List<Located> records(String name, List<Row> rows, String actorId, Instant now) {
        Map<String, List<Row>> byId = new LinkedHashMap<>();
        Set<String> badIds = new java.util.HashSet<>();
        List<Located> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Row r : rows) {
            String id = r.fields().getOrDefault("id", "").strip();
            List<String> p = new ArrayList<>();
            if (r.fields().containsKey("?")) {
                p.add(r.fields().get("?"));
            } else {
                try {
                    ArticleId.of(id);
                    Locale l = Locales.parse(r.fields().get("locale").strip());
                    Integer first = seen.putIfAbsent(id + " " + l.toLanguageTag(), r.number());
                    if (first != null) {
                        p.add("the same id and locale as row " + first);
                    }
                    CategoryPath.parse(r.fields().get("category"));
                    type(r);
                    visibility(r);
                    attributes(r);
                    bool(r.fields().getOrDefault("source", ""));
                } catch (RuntimeException e) {
                    p.add(IoSupport.reason(e));
                }
            }
            if (!p.isEmpty()) {
                out.add(Located.bad(name, r.number(), id.isEmpty() ? null : IoSupport.printable(id), p));
                badIds.add(id);
            } else {
                byId.computeIfAbsent(id, k -> new ArrayList<>()).add(r);
            }
        }
        for (Map.Entry<String, List<Row>> e : byId.entrySet()) {
            if (!badIds.contains(e.getKey())) {
                out.add(archive(name, e.getKey(), e.getValue(), actorId, now));
            }
        }
        return out;
    }

    private static Located archive(String name, String idText, List<Row> rows, String actorId, Instant now) {
        List<Row> sources = rows.stream().filter(r -> bool(r.fields().getOrDefault("source", ""))).toList();
        if (sources.size() > 1) {
            return Located.bad(name, sources.get(1).number(), idText, List.of("a second row marked source for "
                    + idText + " (first at row " + sources.getFirst().number() + ")"));
        }
        Row src = sources.isEmpty() ? rows.getFirst() : sources.getFirst();
        Map<String, String> f = src.fields();
        ArticleId id = ArticleId.of(idText);
        Locale sourceLocale = Locales.parse(f.get("locale").strip());
        Map<Locale, Translation> translations = new LinkedHashMap<>();
        Map<Locale, List<Revision>> revisions = new LinkedHashMap<>();
        for (Row r : rows) {
            Locale l = Locales.parse(r.fields().get("locale").strip());
            ArticleContent c = new ArticleContent(r.fields().get("title"), r.fields().getOrDefault("summary", ""),
                    r.fields().get("body"), splitTags(r.fields().getOrDefault("tags", "")));
            revisions.put(l, List.of(new Revision(id, l, 1, c, actorId, now, "imported from " + name + " row "
                    + r.number(), c.hash(), null)));
            translations.put(l, new Translation(l, TranslationState.DRAFT, 1, null, l.equals(sourceLocale) ? null : 1,
                    null, null, null, null, now));
        }
        Article a = new Article(id, 1, CategoryPath.parse(f.get("category")), type(src), f.getOrDefault("owner", "")
                .strip(), Set.copyOf(splitTags(f.getOrDefault("article_tags", ""))), attributes(src), visibility(src),
                sourceLocale, null, null, null, null, now, now, translations);
        return Located.ok(name, src.number(), new ArticleArchive(a, revisions, List.of(), FeedbackSummary.EMPTY));
    }

    private static ArticleType type(Row r) {
        String t = r.fields().getOrDefault("type", "").strip();
        return ArticleType.of(t.isEmpty() ? "faq" : t);
    }

    private static Visibility visibility(Row r) {
        String v = r.fields().getOrDefault("visibility", "").strip();
        return v.isEmpty() ? Visibility.INTERNAL : MarkdownCodec.parseVisibility(v);
    }

    private static String visibility(Visibility v) {
        return switch (v.audience()) {
            case PUBLIC -> "public";
            case INTERNAL -> "internal";
            case SEGMENTS -> "segments:" + String.join(",", new java.util.TreeSet<>(v.segments()));
        };
    }

    private static Map<String, String> attributes(Row r) {
        String s = r.fields().getOrDefault("attributes", "").strip();
        Map<String, String> out = new LinkedHashMap<>();
        if (s.isEmpty()) {
            return out;
        }
        if (s.startsWith("{")) {
            Map<String, Object> m = Json.mapper().readValue(s, new TypeReference<Map<String, Object>>() { });
            m.forEach((k, v) -> {
                if (v == null || v instanceof Map || v instanceof List) {
                    throw new IllegalArgumentException("attribute " + k + " must be a single value");
                }
                out.put(k, String.valueOf(v));
            });
            return out;
        }
        for (String pair : s.split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("attributes must be a JSON object or key=value; key=value, got \""
                        + IoSupport.printable(pair.strip()) + "\"");
            }
            out.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return out;
    }

    private static boolean bool(String s) {
        String v = s.strip();
        if (v.isEmpty() || v.equalsIgnoreCase("false") || v.equals("0") || v.equalsIgnoreCase("no")) {
            return false;
        }
        if (v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("yes")) {
            return true;
        }
        throw new IllegalArgumentException("source must be true or false, got \"" + IoSupport.printable(v) + "\"");
    }

    private static String joinTags(List<String> tags) {
        return String.join("; ", tags.stream().map(t -> t.replace(';', ',')).toList());
    }

    private static List<String> splitTags(String s) {
        return Arrays.stream(s.split(";")).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }

    private static ImportRejectedException malformed(String file, long line, String reason) {
        return new ImportRejectedException(List.of(new RejectedRecord(file, line, null, reason)), 0);
    }
}
