package dev.savoir.kb.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;
import org.jspecify.annotations.Nullable;

/**
 * One command for the hot path: builds (or reuses) a generated knowledge base, runs the main search shape and its
 * raw-Lucene twin, agent assist, bulk indexing and rendering against bare commonmark-java under JMH, and ends with
 * exactly one line:
 *
 * <pre>docs=N search_p50_ms=x search_p99_ms=x raw_p50_ms=x sdk_raw_ratio=x assist_p50_ms=x index_docs_per_s=x render_ratio=x</pre>
 *
 * <p>{@code render_ratio} is bare commonmark-java's time over Savoir's (uncached): 1.0 means as fast, 0.8 means
 * Savoir takes 25% longer. Usage:
 *
 * <pre>java --add-modules jdk.incubator.vector -cp kb-benchmarks/target/benchmarks.jar dev.savoir.kb.benchmarks.HotPath \
 *     [--docs N] [--quick | --smoke] [--dir PATH] [--json FILE]</pre>
 *
 * <p>{@code --dir} keeps the generated knowledge base there for the next run (default: a folder per size under the
 * temporary folder, also reused); {@code --json} writes JMH's JSON results (the input of {@link Gate});
 * {@code --quick} measures less (within 3 minutes on 2 cores once the knowledge base exists, the same shapes);
 * {@code --smoke} only checks that everything runs.
 *
 * @since 0.1
 */
public final class HotPath {
    private HotPath() {
    }

    /** Runs it; see the class comment. */
    public static void main(String[] args) throws RunnerException {
        int docs = 100_000;
        Speed speed = Speed.FULL;
        Path dir = null;
        Path json = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--docs" -> docs = Integer.parseInt(args[++i]);
                case "--quick" -> speed = Speed.QUICK;
                case "--smoke" -> speed = Speed.SMOKE;
                case "--dir" -> dir = Path.of(args[++i]);
                case "--json" -> json = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: java --add-modules jdk.incubator.vector -cp benchmarks.jar "
                            + "dev.savoir.kb.benchmarks.HotPath [--docs N] [--quick | --smoke] [--dir PATH] [--json FILE]");
                    System.exit(2);
                }
            }
        }
        System.out.println(run(docs, speed, dir, json, 1).line());
    }

    /** How long to measure. */
    public enum Speed {
        /** Warm-up 3 × 2 s, measurement 5 × 3 s per benchmark, bulk imports of 5,000 articles. */
        FULL,
        /** Warm-up 2 × 1 s, measurement 3 × 2 s, bulk imports of 2,000 articles: within 3 minutes on 2 cores. */
        QUICK,
        /** One 200 ms iteration each and imports of 200 articles: checks that everything runs; figures are noise. */
        SMOKE
    }

    /** The figures of one run. */
    public record Figures(int docs, double searchP50, double searchP99, double rawP50, double assistP50,
                          double indexDocsPerSecond, double renderRatio) {
        /** The SDK / raw-Lucene ratio of the main search shape's medians. */
        public double sdkRawRatio() {
            return searchP50 / rawP50;
        }

        /** The one-line summary. */
        public String line() {
            return String.format(Locale.ROOT, "docs=%d search_p50_ms=%.3f search_p99_ms=%.3f raw_p50_ms=%.3f "
                            + "sdk_raw_ratio=%.2f assist_p50_ms=%.3f index_docs_per_s=%.0f render_ratio=%.2f", docs,
                    searchP50, searchP99, rawP50, sdkRawRatio(), assistP50, indexDocsPerSecond, renderRatio);
        }
    }

    /**
     * Runs the hot-path benchmarks.
     *
     * @param forks JMH forks per benchmark (0 runs in this JVM, for tests)
     */
    public static Figures run(int docs, Speed speed, @Nullable Path dir, @Nullable Path json, int forks)
            throws RunnerException {
        Path folder = dir != null ? dir : BenchKb.folderFor(docs);
        KbGenerator.Built built = new KbGenerator(KbGenerator.DEFAULT_SEED).ensure(folder, docs);
        System.out.printf(Locale.ROOT, "# knowledge base: %d articles in %s (%s)%n", docs, folder,
                built.reused() ? "reused" : String.format(Locale.ROOT, "generated at %.0f articles/s",
                        built.docsPerSecond()));
        int batch = switch (speed) {
            case FULL -> 5_000;
            case QUICK -> 2_000;
            case SMOKE -> 200;
        };
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include(SearchBench.class.getName() + "\\.(sdk|raw)Search$")
                .include(AssistBench.class.getName() + "\\.assist$")
                .include(RenderBench.class.getName() + "\\.(sdk|raw)Render$")
                .include(IndexingBench.class.getName() + "\\.bulkImport$")
                .param("shape", "main")
                .param("docs", Integer.toString(docs))
                .param("batch", Integer.toString(batch))
                .forks(forks)
                .jvmArgsAppend("--add-modules", "jdk.incubator.vector", "-Xmx2g",
                        "-D" + BenchKb.DIR_PROPERTY + "=" + folder.toAbsolutePath())
                .shouldFailOnError(true);
        switch (speed) {
            case FULL -> o.warmupIterations(3).warmupTime(TimeValue.seconds(2)).measurementIterations(5)
                    .measurementTime(TimeValue.seconds(3));
            case QUICK -> o.warmupIterations(2).warmupTime(TimeValue.seconds(1)).measurementIterations(3)
                    .measurementTime(TimeValue.seconds(2));
            case SMOKE -> o.warmupIterations(0).measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(200));
        }
        if (forks == 0) {
            System.setProperty(BenchKb.DIR_PROPERTY, folder.toAbsolutePath().toString());
        }
        if (json != null) {
            o.resultFormat(ResultFormatType.JSON).result(json.toString());
        }
        Collection<RunResult> results = new Runner(o.build()).run();
        double sdk50 = 0;
        double sdk99 = 0;
        double raw50 = 0;
        double assist50 = 0;
        double indexMs = 0;
        double renderSdk = 0;
        double renderRaw = 0;
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            Statistics s = r.getPrimaryResult().getStatistics();
            double scale = toMillis(r.getParams().getTimeUnit());
            if (name.endsWith("SearchBench.sdkSearch")) {
                sdk50 = s.getPercentile(50) * scale;
                sdk99 = s.getPercentile(99) * scale;
            } else if (name.endsWith("SearchBench.rawSearch")) {
                raw50 = s.getPercentile(50) * scale;
            } else if (name.endsWith("AssistBench.assist")) {
                assist50 = s.getPercentile(50) * scale;
            } else if (name.endsWith("IndexingBench.bulkImport")) {
                indexMs = s.getPercentile(50) * scale;
            } else if (name.endsWith("RenderBench.sdkRender")) {
                renderSdk = s.getPercentile(50);
            } else if (name.endsWith("RenderBench.rawRender")) {
                renderRaw = s.getPercentile(50);
            }
        }
        if (json != null && !Files.exists(json)) {
            System.err.println("# JMH wrote no results to " + json);
        }
        return new Figures(docs, sdk50, sdk99, raw50, assist50, indexMs == 0 ? 0 : batch * 1000.0 / indexMs,
                renderSdk == 0 ? 0 : renderRaw / renderSdk);
    }

    private static double toMillis(TimeUnit unit) {
        return unit.toNanos(1) / 1e6;
    }
}
