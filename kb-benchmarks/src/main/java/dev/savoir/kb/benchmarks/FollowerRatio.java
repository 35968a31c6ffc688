package dev.savoir.kb.benchmarks;

import dev.savoir.kb.eval.SearchLatency;
import java.util.Arrays;
import java.util.Locale;

/**
 * The follower-to-embedded search ratio of {@link ClusterBench}, measured interleaved in one JVM: the same setup (node
 * A writing on PostgreSQL, node B following it, the same articles in the embedded file store), then rounds of
 * {@code --block} searches on B and as many on the embedded knowledge base, the order swapped every round, each call
 * timed. JMH runs {@code searchFollower} and {@code searchEmbedded} one after the other in forks of their own, so
 * drift on a shared machine (another process, the JIT, the garbage collector) lands on one side only; interleaving
 * puts it on both. Ends with exactly one line:
 *
 * <pre>docs=N rounds=R block=B follower_p50_ms=x follower_p99_ms=x embedded_p50_ms=x embedded_p99_ms=x ratio_p50=x ratio_p99=x</pre>
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp benchmarks.jar dev.savoir.kb.benchmarks.FollowerRatio
 * [--docs N] [--rounds R] [--block B] [--warmup W]} (defaults 10,000 articles, 100 rounds of 100, 30 warm-up
 * rounds).
 *
 * @since 0.2
 */
public final class FollowerRatio {
    private FollowerRatio() {
    }

    /** Runs it; see the class comment. */
    public static void main(String[] args) {
        int docs = 10_000;
        int rounds = 100;
        int block = 100;
        int warmup = 30;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--docs" -> docs = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--block" -> block = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: java --add-modules jdk.incubator.vector -cp benchmarks.jar "
                            + "dev.savoir.kb.benchmarks.FollowerRatio [--docs N] [--rounds R] [--block B] [--warmup W]");
                    System.exit(2);
                }
            }
        }
        System.out.println(run(docs, rounds, block, warmup).line());
    }

    /** The figures of one run; {@link #line()} is what {@link #main} prints. */
    record Figures(int docs, int rounds, int block, double followerP50, double followerP99, double embeddedP50,
            double embeddedP99) {
        String line() {
            return String.format(Locale.ROOT,
                    "docs=%d rounds=%d block=%d follower_p50_ms=%.3f follower_p99_ms=%.3f embedded_p50_ms=%.3f "
                            + "embedded_p99_ms=%.3f ratio_p50=%.3f ratio_p99=%.3f",
                    docs, rounds, block, followerP50, followerP99, embeddedP50, embeddedP99,
                    followerP50 / embeddedP50, followerP99 / embeddedP99);
        }
    }

    /** Sets up {@link ClusterBench} on {@code docs} articles and times {@code rounds} interleaved rounds. */
    static Figures run(int docs, int rounds, int block, int warmup) {
        ClusterBench bench = new ClusterBench();
        bench.docs = docs;
        bench.open();
        try {
            long[] follower = new long[rounds * block];
            long[] embedded = new long[rounds * block];
            for (int r = -warmup; r < rounds; r++) {
                boolean followerFirst = (r & 1) == 0;
                for (int side = 0; side < 2; side++) {
                    boolean onFollower = followerFirst == (side == 0);
                    long[] into = onFollower ? follower : embedded;
                    for (int i = 0; i < block; i++) {
                        long start = System.nanoTime();
                        Object result = onFollower ? bench.searchFollower() : bench.searchEmbedded();
                        long took = System.nanoTime() - start;
                        if (result == null) {
                            throw new IllegalStateException("a search returned nothing");
                        }
                        if (r >= 0) {
                            into[r * block + i] = took;
                        }
                    }
                }
            }
            Arrays.sort(follower);
            Arrays.sort(embedded);
            return new Figures(docs, rounds, block, millis(follower, 0.50), millis(follower, 0.99),
                    millis(embedded, 0.50), millis(embedded, 0.99));
        } finally {
            bench.close();
        }
    }

    private static double millis(long[] sorted, double quantile) {
        return SearchLatency.percentile(sorted, quantile) / 1e6;
    }
}
