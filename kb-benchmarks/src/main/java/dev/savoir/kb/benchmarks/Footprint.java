package dev.savoir.kb.benchmarks;

import dev.savoir.kb.Actor;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.Role;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchRequest.Facet;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Time to open a generated knowledge base and heap in use after opening and after a warm query mix (after a full
 * GC each time). Run it with the heap limit to check, for example {@code -Xmx512m}:
 *
 * <pre>java --add-modules jdk.incubator.vector -Xmx512m -cp kb-benchmarks/target/benchmarks.jar \
 *     dev.savoir.kb.benchmarks.Footprint --docs 1000000 --dir /data/kb-1m</pre>
 *
 * <p>Ends with one line: {@code docs=N open_ms=x heap_open_mb=x heap_warm_mb=x mix_p50_ms=x mix_p99_ms=x}.
 *
 * @since 0.1
 */
public final class Footprint {
    private Footprint() {
    }

    /** Runs it; see the class comment. */
    public static void main(String[] args) {
        int docs = 100_000;
        Path dir = null;
        int queries = 2_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--docs" -> docs = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--queries" -> queries = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: Footprint [--docs N] [--dir PATH] [--queries N]");
                    System.exit(2);
                }
            }
        }
        Path folder = dir != null ? dir : BenchKb.folderFor(docs);
        KbGenerator g = new KbGenerator(KbGenerator.DEFAULT_SEED);
        KbGenerator.Built built = g.ensure(folder, docs);
        if (!built.reused()) {
            System.out.printf(Locale.ROOT, "generated %d articles in %s (%.0f articles/s)%n", docs, folder,
                    built.docsPerSecond());
        }
        long before = usedAfterGc();
        long t0 = System.nanoTime();
        try (KnowledgeBase kb = KbGenerator.kbBuilder(folder).build()) {
            double openMs = (System.nanoTime() - t0) / 1e6;
            long afterOpen = usedAfterGc();
            List<String> qs = g.shortQueries(256, false);
            List<KbGenerator.Ticket> tickets = g.tickets(32);
            ViewerContext customer = ViewerContext.external(Locale.ENGLISH, "enterprise");
            Actor agent = Actor.of("agent", Role.AGENT);
            long[] took = new long[queries];
            for (int i = 0; i < queries; i++) {
                long s = System.nanoTime();
                if (i % 10 == 9) {
                    KbGenerator.Ticket t = tickets.get(i % tickets.size());
                    kb.suggestForTicket(agent, Locale.ENGLISH, t.subject(), t.description(), 5);
                } else {
                    kb.search(customer, SearchRequest.builder(qs.get(i % qs.size())).limit(10)
                            .facets(Facet.CATEGORY, Facet.TYPE, Facet.TAG).build());
                }
                took[i] = System.nanoTime() - s;
            }
            long afterMix = usedAfterGc();
            long[] last = java.util.Arrays.copyOfRange(took, queries / 2, queries);
            java.util.Arrays.sort(last);
            System.out.printf(Locale.ROOT, "docs=%d open_ms=%.0f heap_open_mb=%.0f heap_warm_mb=%.0f "
                            + "mix_p50_ms=%.3f mix_p99_ms=%.3f%n", docs, openMs, (afterOpen - before) / 1048576.0,
                    (afterMix - before) / 1048576.0, last[last.length / 2] / 1e6,
                    last[(int) (last.length * 0.99)] / 1e6);
        }
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
