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
 * The SDK / raw-Lucene ratio of every search shape measured interleaved: each query runs through Savoir and then
 * through the twin, in one JVM, so both see the same machine load at the same moment. On a shared, noisy machine this
 * ratio is far steadier than one computed from two JMH forks run minutes apart (JMH's figures stay the reference for
 * absolute times).
 *
 * <pre>java --add-modules jdk.incubator.vector -cp kb-benchmarks/target/benchmarks.jar dev.savoir.kb.benchmarks.Twins \
 *     [--docs N[,N...]] [--dir PATH] [--rounds N] [--json]</pre>
 *
 * <p>Prints one line per size and shape: {@code docs=N shape=S sdk_p50_ms=x raw_p50_ms=x ratio_p50=x sdk_p99_ms=x
 * raw_p99_ms=x}; with {@code --json}, one JSON array of objects with the same fields instead. {@code --dir} names the
 * folder of the knowledge base and so takes a single size.
 *
 * @since 0.1
 */
public final class Twins {
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
                for (String shape : List.of("main", "one", "three", "phrase", "typo", "locale", "deep")) {
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
    private record Row(String shape, double sdkP50, double rawP50, double sdkP99, double rawP99) {
        String line(int docs) {
            return String.format(Locale.ROOT, "docs=%d shape=%s sdk_p50_ms=%.3f raw_p50_ms=%.3f ratio_p50=%.2f "
                    + "sdk_p99_ms=%.3f raw_p99_ms=%.3f", docs, shape, sdkP50, rawP50, sdkP50 / rawP50, sdkP99, rawP99);
        }

        String json(int docs) {
            return String.format(Locale.ROOT, "{\"docs\": %d, \"shape\": \"%s\", \"sdk_p50_ms\": %.4f, "
                    + "\"raw_p50_ms\": %.4f, \"ratio_p50\": %.4f, \"sdk_p99_ms\": %.4f, \"raw_p99_ms\": %.4f}",
                    docs, shape, sdkP50, rawP50, sdkP50 / rawP50, sdkP99, rawP99);
        }
    }

    private static Row measure(KnowledgeBase kb, RawLucene raw, KbGenerator g, String shape, int rounds) {
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
        return new Row(shape, sdk[rounds / 2] / 1e6, twin[rounds / 2] / 1e6, sdk[(int) (rounds * 0.99)] / 1e6,
                twin[(int) (rounds * 0.99)] / 1e6);
    }
}
