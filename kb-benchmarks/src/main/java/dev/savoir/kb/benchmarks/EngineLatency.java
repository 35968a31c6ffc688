package dev.savoir.kb.benchmarks;

import dev.savoir.kb.eval.BeirRelevance;
import dev.savoir.kb.eval.SearchLatency;
import dev.savoir.kb.lucene.LuceneSearchEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The latency of the whole public search call ({@code KnowledgeBase.search}, the default request with 10 hits) on
 * the embedded engine (kb-lucene) next to kb-opensearch, on the same BEIR collection and the same judged queries, in
 * the same run: each round starts one JVM per engine, alternately (the engines' Lucene versions cannot share a JVM),
 * each loading the collection, calling {@code --warmup} searches unmeasured, then timing {@code --calls} searches one
 * by one ({@link SearchLatency}). OpenSearch runs as a single node in its JVM, over HTTP on 127.0.0.1. Prints each
 * run's line, then per engine the median over the rounds of p50 and p99.
 *
 * <p>Usage: {@code EngineLatency FOLDER [--locale en|fr] [--warmup N] [--calls N] [--rounds N]} (defaults: 300
 * warm-up calls, 2000 timed calls, 3 rounds). Needs kb-opensearch's test classpath ({@link OpenSearchJvm}).
 * {@code EngineLatency FOLDER --only lucene ...} is one embedded run in this JVM.
 */
public final class EngineLatency {
    private EngineLatency() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        List<String> rest = new ArrayList<>(List.of(args));
        int rounds = take(rest, "--rounds", 3);
        int only = rest.indexOf("--only");
        if (only >= 0) {
            if (only + 1 >= rest.size() || !rest.get(only + 1).equals("lucene")) {
                throw new IllegalArgumentException("--only takes lucene (kb-opensearch's run is OpenSearchLatency)");
            }
            rest.subList(only, only + 2).clear();
            SearchLatency.Options o = SearchLatency.Options.parse(rest.toArray(String[]::new));
            try (BeirRelevance.Loaded c = BeirRelevance.load(Path.of(o.folder()), o.locale(),
                    LuceneSearchEngine.factory())) {
                System.out.println(SearchLatency.measure("lucene", c, o.warmup(), o.calls()).line());
            }
            return;
        }
        SearchLatency.Options.parse(rest.toArray(String[]::new));
        List<String> luceneArgs = new ArrayList<>(rest);
        luceneArgs.addAll(List.of("--only", "lucene"));
        List<String> jvm = OpenSearchJvm.jvmFlags();
        String osClasspath = OpenSearchJvm.classpath();
        List<SearchLatency.Result> results = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            results.add(child(jvm, System.getProperty("java.class.path"), EngineLatency.class.getName(), luceneArgs));
            results.add(child(jvm, osClasspath, OpenSearchJvm.LATENCY, rest));
        }
        for (String engine : List.of("lucene", "opensearch")) {
            List<SearchLatency.Result> of = results.stream().filter(x -> x.engine().equals(engine)).toList();
            System.out.printf(Locale.ROOT, "engine=%s rounds=%d median-p50=%.0fus median-p99=%.0fus%n", engine,
                    of.size(), median(of.stream().mapToDouble(SearchLatency.Result::p50).toArray()),
                    median(of.stream().mapToDouble(SearchLatency.Result::p99).toArray()));
        }
    }

    private static SearchLatency.Result child(List<String> jvm, String classpath, String main, List<String> args)
            throws IOException {
        Path out = Files.createTempFile("savoir-latency-", ".txt");
        try {
            int code = OpenSearchJvm.run(jvm, classpath, main, args, ProcessBuilder.Redirect.to(out.toFile()));
            String text = Files.readString(out, StandardCharsets.UTF_8).strip();
            if (code != 0 || text.isEmpty()) {
                throw new IllegalStateException(main + " failed with exit code " + code + ": " + text);
            }
            String line = text.lines().reduce((a, b) -> b).orElseThrow();
            System.out.println(line);
            return parse(line);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Reads back {@link SearchLatency.Result#line()}. */
    static SearchLatency.Result parse(String line) {
        String engine = null;
        String dataset = null;
        int calls = 0;
        double p50 = 0;
        double p99 = 0;
        double mean = 0;
        for (String kv : line.split(" ")) {
            String[] f = kv.split("=", 2);
            String v = f.length == 2 ? f[1].replace("us", "") : "";
            switch (f[0]) {
                case "engine" -> engine = f[1];
                case "dataset" -> dataset = f[1];
                case "calls" -> calls = Integer.parseInt(v);
                case "p50" -> p50 = Double.parseDouble(v);
                case "p99" -> p99 = Double.parseDouble(v);
                case "mean" -> mean = Double.parseDouble(v);
                default -> throw new IllegalArgumentException("not a latency line: " + line);
            }
        }
        if (engine == null || dataset == null) {
            throw new IllegalArgumentException("not a latency line: " + line);
        }
        return new SearchLatency.Result(engine, dataset, calls, p50, p99, mean);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static int take(List<String> args, String name, int dflt) {
        int i = args.indexOf(name);
        if (i < 0) {
            return dflt;
        }
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        int v = Integer.parseInt(args.get(i + 1));
        args.subList(i, i + 2).clear();
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + v);
        }
        return v;
    }
}
