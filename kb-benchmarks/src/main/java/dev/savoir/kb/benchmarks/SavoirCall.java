package dev.savoir.kb.benchmarks;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Role;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.eval.BeirRelevance;
import dev.savoir.kb.lucene.LuceneSearchEngine;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The Savoir side of {@link SideBySide}, the counterpart of kb-hsearch-bench's {@code HibernateSearchCall} (same
 * arguments, same documents, same output line with {@code lib=savoir}): loads a BEIR folder into a new durable
 * knowledge base (kb-lucene) in a temporary folder through the public bulk path {@code kb.publishAll} (1,000 public
 * articles per call, each with the two tags of {@link #tags(String)}; timed from opening the knowledge base until
 * {@code kb.refresh()} made everything searchable), then times three shapes of the whole public call
 * {@code kb.search} as an external viewer, 10 hits, {@code recordAnalytics(false)}, one call at a time cycling over
 * the judged queries after {@code --warmup} unmeasured calls:
 * <ul>
 *   <li>{@code plain}: {@code snippets(false)};</li>
 *   <li>{@code highlight}: snippets on (the default request);</li>
 *   <li>{@code facet}: the tag facet, {@code snippets(false)}.</li>
 * </ul>
 * The documents are those {@code HibernateSearchCall} indexes: a title longer than 200 characters is cut at a space
 * and its rest opens the body, an empty title or body becomes {@code "·"}. Prints one line per shape:
 * {@code lib=savoir dataset=NAME shape=S docs=N calls=N p50_us=X p99_us=Y mean_us=Z mean_hits=H index_s=T}, the plain
 * line also {@code ndcg10=…} (every judged query, top 10, against the qrels).
 *
 * <p>Usage: {@code SavoirCall FOLDER [--locale en|fr] [--warmup N] [--calls N] [--shape plain|highlight|facet]}
 * (defaults 300 and 2000; {@code --shape} repeatable, all three by default).
 */
public final class SavoirCall {
    /** The shapes, in the order they run. */
    public static final List<String> SHAPES = List.of("plain", "highlight", "facet");
    /** The tags documents draw from, the list and rule of kb-hsearch-bench's {@code Beir.tags}. */
    public static final List<String> TAGS = List.of("billing", "shipping", "account", "returns", "security",
            "mobile", "orders", "privacy");
    private static final int HITS = 10;
    private static final int BATCH = 1_000;
    private static final int MAX_TITLE = 200;

    private SavoirCall() {
    }

    /**
     * The parsed arguments.
     *
     * @param shapes the shapes to run, in {@link #SHAPES}' order
     */
    public record Options(Path folder, Locale locale, int warmup, int calls, List<String> shapes) {
        /** Parses {@code FOLDER [--locale L] [--warmup N] [--calls N] [--shape S]...}. */
        public static Options parse(String[] args) {
            String usage = "usage: FOLDER [--locale en|fr] [--warmup N] [--calls N] [--shape plain|highlight|facet]";
            Path folder = null;
            Locale locale = Locale.ENGLISH;
            int warmup = 300;
            int calls = 2000;
            Set<String> shapes = new LinkedHashSet<>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--locale" -> locale = Locale.forLanguageTag(value(args, ++i));
                    case "--warmup" -> warmup = count(args, ++i, 0);
                    case "--calls" -> calls = count(args, ++i, 1);
                    case "--shape" -> {
                        String s = value(args, ++i);
                        if (!SHAPES.contains(s)) {
                            throw new IllegalArgumentException("unknown shape " + s + "; " + usage);
                        }
                        shapes.add(s);
                    }
                    default -> {
                        if (folder != null || args[i].startsWith("--")) {
                            throw new IllegalArgumentException("unknown argument " + args[i] + "; " + usage);
                        }
                        folder = Path.of(args[i]);
                    }
                }
            }
            if (folder == null) {
                throw new IllegalArgumentException(usage);
            }
            List<String> chosen = shapes.isEmpty() ? SHAPES : SHAPES.stream().filter(shapes::contains).toList();
            return new Options(folder, locale, warmup, calls, chosen);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }

        private static int count(String[] args, int i, int min) {
            String v = value(args, i);
            int n;
            try {
                n = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(args[i - 1] + " takes a number, got " + v, e);
            }
            if (n < min) {
                throw new IllegalArgumentException(args[i - 1] + " must be at least " + min + ", got " + n);
            }
            return n;
        }
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        for (String line : run(Options.parse(args))) {
            System.out.println(line);
        }
    }

    /**
     * The two tags of a document: two different entries of {@link #TAGS} chosen from the hash of its collection id
     * ({@link String#hashCode()}, the same on every JVM), as kb-hsearch-bench chooses them.
     */
    public static List<String> tags(String docId) {
        int h = docId.hashCode();
        int first = Math.floorMod(h, TAGS.size());
        int second = (first + 1 + Math.floorMod(h >>> 8, TAGS.size() - 1)) % TAGS.size();
        return List.of(TAGS.get(first), TAGS.get(second));
    }

    /** Loads and measures as the class comment says; returns the lines it would print. */
    public static List<String> run(Options o) throws IOException {
        Locale locale = o.locale();
        Path qrelsFile = o.folder().resolve("qrels").resolve("test.tsv");
        Map<String, Map<String, Integer>> qrels;
        try {
            qrels = BeirRelevance.readQrels(qrelsFile);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(qrelsFile + " (not a BEIR folder?)");
        }
        Map<String, String> queries = judgedQueries(o.folder().resolve("queries.jsonl"), qrels);
        if (queries.isEmpty()) {
            throw new IllegalArgumentException("the collection " + o.folder() + " has no judged query to time");
        }
        Map<ArticleId, String> docIds = new HashMap<>();
        List<NewArticle> specs = articles(o.folder().resolve("corpus.jsonl"), locale, docIds);
        String name = o.folder().toAbsolutePath().normalize().getFileName().toString();
        Path dir = TempFolders.create("savoir-call-");
        Actor actor = Actor.of("import", Role.ADMIN, Role.PUBLISHER, Role.AUTHOR);
        try {
            long t0 = System.nanoTime();
            try (KnowledgeBase kb = KnowledgeBase.builder()
                    .directory(dir)
                    .searchEngine(LuceneSearchEngine.factory())
                    .requireReview(false)
                    .defaultLocale(locale)
                    .schedulerInterval(Duration.ZERO)
                    .clock(BeirRelevance.CLOCK)
                    .build()) {
                for (int from = 0; from < specs.size(); from += BATCH) {
                    kb.publishAll(actor, specs.subList(from, Math.min(specs.size(), from + BATCH)));
                }
                kb.refresh();
                double indexSeconds = (System.nanoTime() - t0) / 1e9;
                ViewerContext viewer = ViewerContext.external(locale);
                List<String> texts = new ArrayList<>(queries.values());
                List<String> lines = new ArrayList<>();
                for (String shape : o.shapes()) {
                    String extra = shape.equals("plain")
                            ? String.format(Locale.ROOT, " ndcg10=%.4f", ndcg(kb, viewer, queries, qrels, docIds))
                            : "";
                    lines.add(measure(kb, viewer, shape, texts, o.warmup(), o.calls())
                            .line(name, shape, specs.size(), indexSeconds) + extra);
                }
                return lines;
            }
        } finally {
            TempFolders.delete(dir);
        }
    }

    private record Timing(int calls, double p50, double p99, double mean, double meanHits) {
        String line(String dataset, String shape, int docs, double indexSeconds) {
            return String.format(Locale.ROOT, "lib=savoir dataset=%s shape=%s docs=%d calls=%d p50_us=%.0f "
                    + "p99_us=%.0f mean_us=%.0f mean_hits=%.2f index_s=%.2f", dataset, shape, docs, calls, p50, p99,
                    mean, meanHits, indexSeconds);
        }
    }

    private static Timing measure(KnowledgeBase kb, ViewerContext viewer, String shape, List<String> texts,
                                  int warmup, int calls) {
        long sink = 0;
        for (int i = 0; i < warmup; i++) {
            sink += call(kb, viewer, shape, texts.get(i % texts.size()));
        }
        long[] nanos = new long[calls];
        long hits = 0;
        for (int i = 0; i < calls; i++) {
            String q = texts.get(i % texts.size());
            long t0 = System.nanoTime();
            int n = call(kb, viewer, shape, q);
            nanos[i] = System.nanoTime() - t0;
            hits += n;
        }
        if (sink == Long.MIN_VALUE) {
            System.err.println("unreachable: " + sink);
        }
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1000.0;
        return new Timing(calls, percentile(nanos, 0.50) / 1000.0, percentile(nanos, 0.99) / 1000.0, mean,
                (double) hits / calls);
    }

    /** One search of the shape; returns the hits on the page (and uses what the shape asked for). */
    private static int call(KnowledgeBase kb, ViewerContext viewer, String shape, String text) {
        SearchRequest.Builder b = SearchRequest.builder(text).limit(HITS).recordAnalytics(false);
        switch (shape) {
            case "plain" -> b.snippets(false);
            case "highlight" -> {
            }
            case "facet" -> b.snippets(false).facets(SearchRequest.Facet.TAG);
            default -> throw new IllegalArgumentException("unknown shape " + shape);
        }
        SearchResponse r = kb.search(viewer, b.build());
        if (shape.equals("highlight")) {
            int chars = 0;
            for (SearchHit h : r.hits()) {
                chars += h.snippet().length();
            }
            return chars >= 0 ? r.hits().size() : -1;
        }
        if (shape.equals("facet") && r.facet(SearchRequest.Facet.TAG).isEmpty() && !r.hits().isEmpty()) {
            return -1;
        }
        return r.hits().size();
    }

    private static double ndcg(KnowledgeBase kb, ViewerContext viewer, Map<String, String> queries,
                               Map<String, Map<String, Integer>> qrels, Map<ArticleId, String> docIds) {
        double sum = 0;
        for (Map.Entry<String, String> q : queries.entrySet()) {
            List<String> ranked = new ArrayList<>();
            for (SearchHit h : kb.search(viewer, SearchRequest.builder(q.getValue()).limit(HITS).snippets(false)
                    .recordAnalytics(false).build()).hits()) {
                ranked.add(docIds.get(h.articleId()));
            }
            sum += BeirRelevance.ndcgAt(ranked, qrels.get(q.getKey()), HITS);
        }
        return sum / queries.size();
    }

    /** The nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static Map<String, String> judgedQueries(Path file, Map<String, Map<String, Integer>> qrels)
            throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, String> all = new HashMap<>();
        for (String line : lines(file)) {
            JsonNode n = parse(json, line);
            all.put(n.get("_id").asString(), n.path("text").asString("").strip());
        }
        Map<String, String> queries = new LinkedHashMap<>();
        for (String q : qrels.keySet()) {
            String text = all.get(q);
            if (text != null && !text.isBlank()) {
                queries.put(q, text);
            }
        }
        return queries;
    }

    private static List<NewArticle> articles(Path corpus, Locale locale, Map<ArticleId, String> docIds)
            throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<NewArticle> specs = new ArrayList<>();
        for (String line : lines(corpus)) {
            JsonNode n = parse(json, line);
            JsonNode idNode = n.get("_id");
            if (idNode == null) {
                throw new IllegalArgumentException("a corpus line has no _id: " + line);
            }
            String raw = idNode.asString();
            ArticleId id = ArticleId.isValid(raw) ? ArticleId.of(raw) : ArticleId.of("doc-" + specs.size());
            if (docIds.put(id, raw) != null) {
                throw new IllegalArgumentException("the corpus holds the id " + id.value() + " twice");
            }
            String title = n.path("title").asString("").strip();
            String text = n.path("text").asString("").strip();
            if (title.length() > MAX_TITLE) {
                int cut = title.lastIndexOf(' ', MAX_TITLE);
                cut = cut > MAX_TITLE / 2 ? cut : MAX_TITLE;
                text = title.substring(cut).strip() + "\n\n" + text;
                title = title.substring(0, cut).strip();
            }
            specs.add(NewArticle.builder(id.value())
                    .category("Collection")
                    .visibility(Visibility.PUBLIC)
                    .locale(locale)
                    .tags(tags(raw).toArray(String[]::new))
                    .title(title.isEmpty() ? "·" : title)
                    .body(text.isEmpty() ? "·" : text)
                    .build());
        }
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("the corpus " + corpus + " is empty");
        }
        return specs;
    }

    private static JsonNode parse(ObjectMapper json, String line) {
        try {
            return json.readTree(line);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a JSON line: " + line, e);
        }
    }

    private static List<String> lines(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(line);
                }
            }
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file + " (not a BEIR folder?)");
        }
        return out;
    }
}
