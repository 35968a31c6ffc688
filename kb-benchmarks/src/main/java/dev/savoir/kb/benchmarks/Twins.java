package dev.savoir.kb.benchmarks;

import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchRequest.Facet;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The SDK / raw-Lucene ratio of every search shape measured interleaved: each query runs through Savoir and then
 * through the twin, in one JVM, so both see the same machine load at the same moment. On a shared, noisy machine this
 * ratio is far steadier than one computed from two JMH forks run minutes apart (JMH's figures stay the reference for
 * absolute times).
 *
 * <pre>java --add-modules jdk.incubator.vector -cp kb-benchmarks/target/benchmarks.jar dev.savoir.kb.benchmarks.Twins \
 *     [--docs N] [--dir PATH] [--rounds N]</pre>
 *
 * <p>Prints one line per shape: {@code shape=S sdk_p50_ms=x raw_p50_ms=x ratio_p50=x sdk_p99_ms=x raw_p99_ms=x}.
 *
 * @since 0.1
 */
public final class Twins {
    private Twins() {
    }

    /** Runs it; see the class comment. */
    public static void main(String[] args) {
        int docs = 100_000;
        Path dir = null;
        int rounds = 2_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--docs" -> docs = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: Twins [--docs N] [--dir PATH] [--rounds N]");
                    System.exit(2);
                }
            }
        }
        Path folder = dir != null ? dir : BenchKb.folderFor(docs);
        KbGenerator g = new KbGenerator(KbGenerator.DEFAULT_SEED);
        g.ensure(folder, docs);
        try (KnowledgeBase kb = KbGenerator.kbBuilder(folder).build(); RawLucene raw = new RawLucene(folder)) {
            for (String shape : List.of("main", "one", "three", "phrase", "typo", "locale", "deep")) {
                System.out.println(measure(kb, raw, g, shape, rounds));
            }
        }
    }

    private static String measure(KnowledgeBase kb, RawLucene raw, KbGenerator g, String shape, int rounds) {
        List<String> queries = switch (shape) {
            case "main" -> g.shortQueries(64, false);
            case "one", "deep" -> g.oneWordQueries(64);
            case "three" -> g.threeWordQueries(64);
            case "phrase" -> g.phraseQueries(64);
            case "typo" -> g.typoQueries(64);
            default -> g.shortQueries(64, true);
        };
        Locale locale = shape.equals("locale") ? Locale.forLanguageTag("fr-CA") : Locale.ENGLISH;
        Set<String> segments = shape.equals("main") ? Set.of("enterprise") : Set.of();
        Set<Facet> facets = shape.equals("main") ? Set.of(Facet.CATEGORY, Facet.TYPE, Facet.TAG) : Set.of();
        Set<String> rawFacets = shape.equals("main") ? Set.of("cat", "type", "tag") : Set.of();
        int offset = shape.equals("deep") ? 500 : 0;
        ViewerContext viewer = ViewerContext.external(locale, segments.toArray(String[]::new));
        int warm = Math.max(64, rounds / 4);
        long[] sdk = new long[rounds];
        long[] twin = new long[rounds];
        for (int i = -warm; i < rounds; i++) {
            String q = queries.get(Math.floorMod(i, queries.size()));
            SearchRequest.Builder r = SearchRequest.builder(q).offset(offset).limit(10);
            if (!facets.isEmpty()) {
                r.facets(facets.toArray(Facet[]::new));
            }
            SearchRequest request = r.build();
            boolean sdkFirst = (i & 1) == 0;
            long a = 0;
            long b = 0;
            for (int k = 0; k < 2; k++) {
                long t0 = System.nanoTime();
                if (sdkFirst == (k == 0)) {
                    kb.search(viewer, request);
                    a = System.nanoTime() - t0;
                } else {
                    raw.search(q, locale, false, segments, offset, 10, rawFacets);
                    b = System.nanoTime() - t0;
                }
            }
            if (i >= 0) {
                sdk[i] = a;
                twin[i] = b;
            }
        }
        Arrays.sort(sdk);
        Arrays.sort(twin);
        double s50 = sdk[rounds / 2] / 1e6;
        double r50 = twin[rounds / 2] / 1e6;
        return String.format(Locale.ROOT, "shape=%s sdk_p50_ms=%.3f raw_p50_ms=%.3f ratio_p50=%.2f sdk_p99_ms=%.3f "
                + "raw_p99_ms=%.3f", shape, s50, r50, s50 / r50, sdk[(int) (rounds * 0.99)] / 1e6,
                twin[(int) (rounds * 0.99)] / 1e6);
    }
}
