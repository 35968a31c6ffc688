package dev.savoir.kb.eval;

import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.search.SearchRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The latency of the whole public search call ({@code KnowledgeBase.search}, the default request with 10 hits: the
 * viewer filter, ranking, snippets, did-you-mean) on a loaded BEIR collection, engine-neutral: the judged queries run in order as an external
 * viewer, first {@code warmup} calls unmeasured, then {@code measured} calls timed one by one (cycling through the
 * queries). One line: {@code engine=NAME dataset=NAME calls=N p50=Xus p99=Yus mean=Zus}.
 */
public final class SearchLatency {
    private SearchLatency() {
    }

    /** The timings of one run, in microseconds. */
    public record Result(String engine, String dataset, int calls, double p50, double p99, double mean) {
        public String line() {
            return String.format(Locale.ROOT, "engine=%s dataset=%s calls=%d p50=%.0fus p99=%.0fus mean=%.0fus",
                    engine, dataset, calls, p50, p99, mean);
        }
    }

    /** Times {@code measured} search calls after {@code warmup} unmeasured ones. */
    public static Result measure(String engine, BeirRelevance.Loaded c, int warmup, int measured) {
        if (warmup < 0 || measured < 1) {
            throw new IllegalArgumentException("warmup must be >= 0 and measured >= 1, got " + warmup + " and "
                    + measured);
        }
        List<String> texts = new ArrayList<>(c.queries().values());
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("the collection " + c.name() + " has no judged query to time");
        }
        ViewerContext viewer = ViewerContext.external(c.locale());
        long sink = 0;
        for (int i = 0; i < warmup; i++) {
            sink += call(c, viewer, texts.get(i % texts.size()));
        }
        long[] nanos = new long[measured];
        for (int i = 0; i < measured; i++) {
            String q = texts.get(i % texts.size());
            long t0 = System.nanoTime();
            sink += call(c, viewer, q);
            nanos[i] = System.nanoTime() - t0;
        }
        if (sink == Long.MIN_VALUE) {
            System.err.println("unreachable: " + sink);
        }
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1000.0;
        return new Result(engine, c.name(), measured, percentile(nanos, 0.50) / 1000.0,
                percentile(nanos, 0.99) / 1000.0, mean);
    }

    private static long call(BeirRelevance.Loaded c, ViewerContext viewer, String text) {
        return c.kb().search(viewer, SearchRequest.builder(text).limit(10).recordAnalytics(false).build())
                .totalHits();
    }

    /** The nearest-rank percentile of sorted values. */
    public static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /**
     * Parses the shared options of the latency entry points ({@code FOLDER [--locale L] [--warmup N] [--calls N]}).
     *
     * @param folder the BEIR folder
     */
    public record Options(String folder, Locale locale, int warmup, int calls) {
        public static Options parse(String[] args) {
            String folder = null;
            Locale locale = Locale.ENGLISH;
            int warmup = 300;
            int calls = 2000;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--locale" -> locale = Locale.forLanguageTag(value(args, ++i));
                    case "--warmup" -> warmup = Integer.parseInt(value(args, ++i));
                    case "--calls" -> calls = Integer.parseInt(value(args, ++i));
                    default -> {
                        if (folder != null || args[i].startsWith("--")) {
                            throw new IllegalArgumentException("unknown argument " + args[i]
                                    + "; usage: FOLDER [--locale en|fr] [--warmup N] [--calls N]");
                        }
                        folder = args[i];
                    }
                }
            }
            if (folder == null) {
                throw new IllegalArgumentException("usage: FOLDER [--locale en|fr] [--warmup N] [--calls N]");
            }
            return new Options(folder, locale, warmup, calls);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }
    }
}
