package dev.savoir.kb.hsearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurer;
import org.hibernate.search.engine.environment.bean.BeanReference;
import org.hibernate.search.engine.search.aggregation.AggregationKey;
import org.hibernate.search.engine.search.predicate.dsl.PredicateFinalStep;
import org.hibernate.search.engine.search.predicate.dsl.SearchPredicateFactory;
import org.hibernate.search.engine.search.query.SearchResult;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.AnnotatedTypeSource;
import org.hibernate.search.mapper.pojo.standalone.mapping.CloseableSearchMapping;
import org.hibernate.search.mapper.pojo.standalone.mapping.SearchMapping;
import org.hibernate.search.mapper.pojo.standalone.session.SearchSession;

/**
 * The Hibernate Search side of kb-benchmarks' {@code SideBySide}: loads a BEIR folder ({@link Beir}), indexes it with
 * Hibernate Search's standalone POJO mapper into an on-disk Lucene index in a temporary folder (one session, hence
 * one commit, per 1,000 documents, as mass indexing commits; timed until searchable), then times three search shapes
 * one call at a time, each opening a session, 10 hits, cycling over the judged queries after {@code --warmup}
 * unmeasured calls:
 * <ul>
 *   <li>{@code plain}: {@code match} on title^2 and body, a filter clause on the visibility every document has, the
 *       hits' id and title projected, totals exact up to 1,000 (as Savoir counts);</li>
 *   <li>{@code highlight}: the same and the body's best passage (unified highlighter, Hibernate Search's default,
 *       one fragment);</li>
 *   <li>{@code facet}: the same as plain and a {@code terms} aggregation over the tags (which counts every match, as
 *       Savoir's facets do).</li>
 * </ul>
 * Prints one line per shape: {@code lib=hsearch dataset=NAME shape=S docs=N calls=N p50_us=X p99_us=Y mean_us=Z
 * mean_hits=H index_s=T}, the plain line also {@code ndcg10=…} (every judged query, top 10, against the qrels).
 *
 * <p>Usage: {@code HibernateSearchCall FOLDER [--locale en|fr] [--warmup N] [--calls N]
 * [--shape plain|highlight|facet]} (defaults 300 and 2000; {@code --shape} repeatable, all three by default).
 */
public final class HibernateSearchCall {
    /** The shapes, in the order they run. */
    public static final List<String> SHAPES = List.of("plain", "highlight", "facet");
    private static final int HITS = 10;
    private static final int EXACT_TOTAL_UP_TO = 1_000;
    private static final int BATCH = 1_000;
    private static final AggregationKey<Map<String, Long>> TAGS = AggregationKey.of("tags");

    private HibernateSearchCall() {
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
        for (String line : run(Options.parse(args))) {
            System.out.println(line);
        }
    }

    /** Indexes and measures as the class comment says; returns the lines it would print. */
    public static List<String> run(Options o) throws IOException {
        Beir beir = Beir.read(o.folder());
        List<String> texts = new ArrayList<>(beir.queries().values());
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("the collection " + beir.name() + " has no judged query to time");
        }
        Path dir = Files.createTempDirectory("savoir-hsearch-");
        try {
            long t0 = System.nanoTime();
            try (CloseableSearchMapping mapping = open(dir, o.locale())) {
                for (int from = 0; from < beir.docs().size(); from += BATCH) {
                    try (SearchSession session = mapping.createSession()) {
                        for (Beir.Doc d : beir.docs().subList(from, Math.min(beir.docs().size(), from + BATCH))) {
                            session.indexingPlan().add(new BeirDoc(d.id(), d.title(), d.body(), d.tags()));
                        }
                    }
                }
                try (SearchSession session = mapping.createSession()) {
                    session.workspace().refresh();
                }
                double indexSeconds = (System.nanoTime() - t0) / 1e9;
                List<String> lines = new ArrayList<>();
                for (String shape : o.shapes()) {
                    String extra = shape.equals("plain") ? String.format(Locale.ROOT, " ndcg10=%.4f",
                            ndcg(mapping, beir)) : "";
                    lines.add(measure(mapping, shape, texts, o.warmup(), o.calls())
                            .line("hsearch", beir.name(), shape, beir.docs().size(), indexSeconds) + extra);
                }
                return lines;
            }
        } finally {
            delete(dir);
        }
    }

    /** The timings of one shape. */
    record Timing(int calls, double p50, double p99, double mean, double meanHits) {
        String line(String lib, String dataset, String shape, int docs, double indexSeconds) {
            return String.format(Locale.ROOT, "lib=%s dataset=%s shape=%s docs=%d calls=%d p50_us=%.0f p99_us=%.0f "
                    + "mean_us=%.0f mean_hits=%.2f index_s=%.2f", lib, dataset, shape, docs, calls, p50, p99, mean,
                    meanHits, indexSeconds);
        }
    }

    private static CloseableSearchMapping open(Path dir, Locale locale) {
        Analyzer analyzer = switch (locale.getLanguage()) {
            case "en" -> new EnglishAnalyzer();
            case "fr" -> new FrenchAnalyzer();
            default -> new StandardAnalyzer();
        };
        LuceneAnalysisConfigurer analysis = context -> context.analyzer(BeirDoc.ANALYZER).instance(analyzer);
        return SearchMapping.builder(AnnotatedTypeSource.fromClasses(BeirDoc.class))
                .property("hibernate.search.backend.directory.root", dir.toString())
                .property("hibernate.search.backend.lucene_version", "LATEST")
                .property("hibernate.search.backend.analysis.configurer", BeanReference.ofInstance(analysis))
                .build();
    }

    private static Timing measure(SearchMapping mapping, String shape, List<String> texts, int warmup, int calls) {
        long sink = 0;
        for (int i = 0; i < warmup; i++) {
            sink += call(mapping, shape, texts.get(i % texts.size()));
        }
        long[] nanos = new long[calls];
        long hits = 0;
        for (int i = 0; i < calls; i++) {
            String q = texts.get(i % texts.size());
            long t0 = System.nanoTime();
            int n = call(mapping, shape, q);
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
    private static int call(SearchMapping mapping, String shape, String text) {
        try (SearchSession session = mapping.createSession()) {
            switch (shape) {
                case "plain" -> {
                    SearchResult<List<?>> r = session.search(BeirDoc.class)
                            .select(f -> f.composite().from(f.id(String.class), f.field("title", String.class))
                                    .asList())
                            .where(f -> predicate(f, text))
                            .totalHitCountThreshold(EXACT_TOTAL_UP_TO)
                            .fetch(HITS);
                    return r.hits().size();
                }
                case "highlight" -> {
                    SearchResult<List<?>> r = session.search(BeirDoc.class)
                            .select(f -> f.composite().from(f.id(String.class), f.field("title", String.class),
                                    f.highlight("body")).asList())
                            .where(f -> predicate(f, text))
                            .highlighter(h -> h.unified().numberOfFragments(1))
                            .totalHitCountThreshold(EXACT_TOTAL_UP_TO)
                            .fetch(HITS);
                    int chars = 0;
                    for (List<?> hit : r.hits()) {
                        chars += hit.get(2).toString().length();
                    }
                    return chars >= 0 ? r.hits().size() : -1;
                }
                case "facet" -> {
                    SearchResult<List<?>> r = session.search(BeirDoc.class)
                            .select(f -> f.composite().from(f.id(String.class), f.field("title", String.class))
                                    .asList())
                            .where(f -> predicate(f, text))
                            .aggregation(TAGS, f -> f.terms().field("tags", String.class).maxTermCount(100))
                            .fetch(HITS);
                    return r.aggregation(TAGS).isEmpty() && !r.hits().isEmpty() ? -1 : r.hits().size();
                }
                default -> throw new IllegalArgumentException("unknown shape " + shape);
            }
        }
    }

    private static PredicateFinalStep predicate(SearchPredicateFactory f, String text) {
        return f.bool()
                .must(f.match().field("title").boost(2f).field("body").matching(text))
                .filter(f.match().field("visibility").matching(BeirDoc.PUBLIC));
    }

    /** nDCG@10 of the plain shape over every judged query. */
    private static double ndcg(SearchMapping mapping, Beir beir) {
        double sum = 0;
        int n = 0;
        try (SearchSession session = mapping.createSession()) {
            for (Map.Entry<String, String> q : beir.queries().entrySet()) {
                List<String> ranked = session.search(BeirDoc.class)
                        .select(f -> f.id(String.class))
                        .where(f -> predicate(f, q.getValue()))
                        .fetchHits(HITS);
                sum += Beir.ndcgAt(ranked, beir.qrels().get(q.getKey()), HITS);
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /** The nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static void delete(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
