package dev.savoir.kb.benchmarks;

import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchRequest.Facet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Search shapes through Savoir ({@code sdk*}) and their raw-Lucene twins ({@code raw*}, the same query plan by hand on
 * the same index). Each invocation runs the next query of a fixed, generated set of 64.
 *
 * <ul>
 *   <li>{@code main}: the hot path, an external viewer in a segment, 1-3 words, visibility filter, category, type
 *       and tag facets, highlighted snippets, 10 hits;</li>
 *   <li>{@code one}, {@code three}: one and three words; {@code phrase}: a quoted phrase; {@code typo}: a misspelt
 *       product or feature name;</li>
 *   <li>{@code locale}: a {@code fr-CA} viewer (fallback {@code fr-CA} → {@code fr} → {@code en});</li>
 *   <li>{@code deep}: hits 500 to 510.</li>
 * </ul>
 *
 * @since 0.1
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
@State(Scope.Thread)
public class SearchBench {
    /** The search shape. */
    @Param({"main", "one", "three", "phrase", "typo", "locale", "deep"})
    public String shape;

    private List<String> queries;
    private ViewerContext viewer;
    private Locale locale;
    private Set<String> segments;
    private int offset;
    private Set<Facet> facets;
    private Set<String> rawFacets;
    private int next;

    /** Picks the shape's query set and viewer. */
    @Setup(Level.Trial)
    public void setUp(BenchKb b) {
        KbGenerator g = b.generator;
        locale = Locale.ENGLISH;
        segments = Set.of();
        offset = 0;
        facets = Set.of();
        queries = switch (shape) {
            case "main" -> g.shortQueries(64, false);
            case "one" -> g.oneWordQueries(64);
            case "three" -> g.threeWordQueries(64);
            case "phrase" -> g.phraseQueries(64);
            case "typo" -> g.typoQueries(64);
            case "locale" -> g.shortQueries(64, true);
            case "deep" -> g.oneWordQueries(64);
            default -> throw new IllegalArgumentException("unknown shape " + shape);
        };
        if (shape.equals("main")) {
            segments = Set.of("enterprise");
            facets = Set.of(Facet.CATEGORY, Facet.TYPE, Facet.TAG);
        } else if (shape.equals("locale")) {
            locale = Locale.forLanguageTag("fr-CA");
        } else if (shape.equals("deep")) {
            offset = 500;
        }
        rawFacets = Set.copyOf(facets.stream().map(f -> switch (f) {
            case CATEGORY -> "cat";
            case TAG -> "tag";
            case TYPE -> "type";
            case LOCALE -> "loc";
        }).toList());
        viewer = ViewerContext.external(locale, segments.toArray(String[]::new));
    }

    private String nextQuery() {
        String q = queries.get(next);
        next = (next + 1) % queries.size();
        return q;
    }

    /** Savoir's search. */
    @Benchmark
    public Object sdkSearch(BenchKb b) {
        SearchRequest.Builder r = SearchRequest.builder(nextQuery()).offset(offset).limit(10);
        if (!facets.isEmpty()) {
            r.facets(facets.toArray(Facet[]::new));
        }
        return b.kb.search(viewer, r.build());
    }

    /** The raw-Lucene twin. */
    @Benchmark
    public Object rawSearch(BenchKb b) {
        return b.raw.search(nextQuery(), locale, false, segments, offset, 10, rawFacets);
    }
}
