package dev.savoir.kb.benchmarks;

import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchRequest.Facet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The SDK / raw-Lucene ratio of every search shape measured interleaved: each query runs through Savoir, through the
 * twin ({@link RawLucene#search}, the same query plan by hand) and through the reference ({@link RawLucene#reference},
 * the simplest correct plan: plain BM25 over the same fields with the same viewer filter, no ranking signals, typos or
 * snippets), in one JVM and in rotating order, so all three see the same machine load at the same moment. On a shared,
 * noisy machine these ratios are far steadier than ones computed from two JMH forks run minutes apart (JMH's figures
 * stay the reference for absolute times).
 *
 * <pre>java --add-modules jdk.incubator.vector -cp kb-benchmarks/target/benchmarks.jar dev.savoir.kb.benchmarks.Twins \
 *     [--docs N[,N...]] [--dir PATH] [--rounds N] [--json]</pre>
 *
 * <p>Shapes: {@code main} (the hot path: viewer in a segment, category/type/tag facets, snippets), {@code one},
 * {@code three}, {@code phrase}, {@code typo}, {@code locale} (fr-CA), {@code deep} (hits 500-510), and three that
 * isolate one cost each over short English queries: {@code plain} (snippets off, no facet), {@code highlight}
 * (snippets on, no facet) and {@code facet} (snippets off, the tag facet).
 *
 * <p>Prints one line per size and shape: {@code docs=N shape=S sdk_p50_ms=x raw_p50_ms=x ratio_p50=x ref_p50_ms=x
 * ratio_ref_p50=x sdk_p99_ms=x raw_p99_ms=x ref_p99_ms=x}, where {@code ratio_p50} is SDK over twin and
 * {@code ratio_ref_p50} SDK over reference; with {@code --json}, one JSON array of objects with the same fields
 * instead (what {@code Gate --twins} reads). {@code --dir} names the folder of the knowledge base and so takes a single
 * size.
 *
 * @since 0.1
 */
public final class Twins {
    /** The shapes measured, in order. */
    static final List<String> SHAPES = List.of("main", "one", "three", "phrase", "typo", "locale", "deep", "plain",
            "highlight", "facet");

    private Twins() {
    }

    /** Runs it; see the class comment. */
    public static void main(String[] args) {
        List<Integer> sizes = List.of(100_000);
        Path dir = null;
        int rounds = 2_000;
        boolean json = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--docs" -> sizes = Arrays.stream(args[++i].split(",")).map(String::trim)
                            .map(Integer::parseInt).toList();
                    case "--dir" -> dir = Path.of(args[++i]);
                    case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                    case "--json" -> json = true;
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (rounds < 1 || sizes.isEmpty() || sizes.stream().anyMatch(n -> n < 1)) {
                throw new IllegalArgumentException("--docs and --rounds take positive numbers");
            }
            if (dir != null && sizes.size() > 1) {
                throw new IllegalArgumentException("--dir takes a single --docs size");
            }
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: Twins [--docs N[,N...]] [--dir PATH] [--rounds N] [--json]");
            System.exit(2);
            return;
        }
        List<String> rows = new ArrayList<>();
        for (int docs : sizes) {
            Path folder = dir != null ? dir : BenchKb.folderFor(docs);
            KbGenerator g = new KbGenerator(KbGenerator.DEFAULT_SEED);
            g.ensure(folder, docs);
            try (KnowledgeBase kb = KbGenerator.kbBuilder(folder).build(); RawLucene raw = new RawLucene(folder)) {
                for (String shape : SHAPES) {
                    Row row = measure(kb, raw, g, shape, rounds);
                    if (json) {
                        rows.add(row.json(docs));
                    } else {
                        System.out.println(row.line(docs));
                    }
                }
            }
        }
        if (json) {
            System.out.println(rows.stream().collect(Collectors.joining(",\n  ", "[\n  ", "\n]")));
        }
    }

    /** One shape's figures, in milliseconds. */
    private record Row(String shape, double sdkP50, double rawP50, double refP50, double sdkP99, double rawP99,
                       double refP99) {
        String line(int docs) {
            return String.format(Locale.ROOT, "docs=%d shape=%s sdk_p50_ms=%.3f raw_p50_ms=%.3f ratio_p50=%.2f "
                    + "ref_p50_ms=%.3f ratio_ref_p50=%.2f sdk_p99_ms=%.3f raw_p99_ms=%.3f ref_p99_ms=%.3f", docs, shape,
                    sdkP50, rawP50, sdkP50 / rawP50, refP50, sdkP50 / refP50, sdkP99, rawP99, refP99);
        }

        String json(int docs) {
            return String.format(Locale.ROOT, "{\"docs\": %d, \"shape\": \"%s\", \"sdk_p50_ms\": %.4f, "
                    + "\"raw_p50_ms\": %.4f, \"ratio_p50\": %.4f, \"ref_p50_ms\": %.4f, \"ratio_ref_p50\": %.4f, "
                    + "\"sdk_p99_ms\": %.4f, \"raw_p99_ms\": %.4f, \"ref_p99_ms\": %.4f}", docs, shape, sdkP50,
                    rawP50, sdkP50 / rawP50, refP50, sdkP50 / refP50, sdkP99, rawP99, refP99);
        }
    }

    private static Row measure(KnowledgeBase kb, RawLucene raw, KbGenerator g, String shape, int rounds) {
        List<String> queries = switch (shape) {
            case "main", "plain", "highlight", "facet" -> g.shortQueries(64, false);
            case "one", "deep" -> g.oneWordQueries(64);
            case "three" -> g.threeWordQueries(64);
            case "phrase" -> g.phraseQueries(64);
            case "typo" -> g.typoQueries(64);
            default -> g.shortQueries(64, true);
        };
        Locale locale = shape.equals("locale") ? Locale.forLanguageTag("fr-CA") : Locale.ENGLISH;
        Set<String> segments = shape.equals("main") ? Set.of("enterprise") : Set.of();
        Set<Facet> facets = switch (shape) {
            case "main" -> Set.of(Facet.CATEGORY, Facet.TYPE, Facet.TAG);
            case "facet" -> Set.of(Facet.TAG);
            default -> Set.of();
        };
        Set<String> rawFacets = switch (shape) {
            case "main" -> Set.of("cat", "type", "tag");
            case "facet" -> Set.of("tag");
            default -> Set.of();
        };
        boolean snippets = !shape.equals("plain") && !shape.equals("facet");
        int offset = shape.equals("deep") ? 500 : 0;
        ViewerContext viewer = ViewerContext.external(locale, segments.toArray(String[]::new));
        int warm = Math.max(64, rounds / 4);
        long[] sdk = new long[rounds];
        long[] twin = new long[rounds];
        long[] ref = new long[rounds];
        long[] took = new long[3];
        for (int i = -warm; i < rounds; i++) {
            String q = queries.get(Math.floorMod(i, queries.size()));
            SearchRequest.Builder r = SearchRequest.builder(q).offset(offset).limit(10).snippets(snippets);
            if (!facets.isEmpty()) {
                r.facets(facets.toArray(Facet[]::new));
            }
            SearchRequest request = r.build();
            int first = Math.floorMod(i, 3);
            for (int k = 0; k < 3; k++) {
                int which = (first + k) % 3;
                long t0 = System.nanoTime();
                switch (which) {
                    case 0 -> kb.search(viewer, request);
                    case 1 -> raw.search(q, locale, false, segments, offset, 10, rawFacets, snippets);
                    default -> raw.reference(q, locale, false, segments, offset, 10, rawFacets);
                }
                took[which] = System.nanoTime() - t0;
            }
            if (i >= 0) {
                sdk[i] = took[0];
                twin[i] = took[1];
                ref[i] = took[2];
            }
        }
        Arrays.sort(sdk);
        Arrays.sort(twin);
        Arrays.sort(ref);
        int p99 = (int) (rounds * 0.99);
        return new Row(shape, sdk[rounds / 2] / 1e6, twin[rounds / 2] / 1e6, ref[rounds / 2] / 1e6, sdk[p99] / 1e6,
                twin[p99] / 1e6, ref[p99] / 1e6);
    }
}
