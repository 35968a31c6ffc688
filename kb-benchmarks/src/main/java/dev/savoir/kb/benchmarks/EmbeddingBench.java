package dev.savoir.kb.benchmarks;

import dev.savoir.kb.ArticleArchive;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.semantic.InJarModels;
import dev.savoir.kb.spi.Embedder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Embedding throughput of the in-jar model: passages per second at several batch sizes, on the cores the JVM is
 * given. The passages are sections of generated articles ({@link KbGenerator}), as the engine embeds them (title,
 * newline, section text, at most 1,000 characters). Each batch size is warmed up first, then timed over the same
 * passages.
 *
 * <pre>{@code
 * java -cp kb-benchmarks/target/benchmarks.jar dev.savoir.kb.benchmarks.EmbeddingBench --passages 512 --batches 1,8,32
 * }</pre>
 */
public final class EmbeddingBench {
    private static final int MAX_CHARS = 1000;

    private EmbeddingBench() {
    }

    public static void main(String[] args) {
        int count = 512;
        int[] batches = {1, 8, 32};
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--passages" -> count = Integer.parseInt(args[++i]);
                case "--batches" -> batches = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt)
                        .toArray();
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (expected --passages N, --batches 1,8,32)");
            }
        }
        if (count < 1) {
            throw new IllegalArgumentException("--passages must be at least 1, got " + count);
        }
        List<String> passages = passages(count);
        Embedder model = InJarModels.allMiniLmL6V2();
        System.out.printf("model %s, %d passages (mean %d chars), %d cores%n", model.modelId(), passages.size(),
                (int) passages.stream().mapToInt(String::length).average().orElse(0),
                Runtime.getRuntime().availableProcessors());
        for (int batch : batches) {
            if (batch < 1) {
                throw new IllegalArgumentException("batch sizes must be at least 1, got " + batch);
            }
            run(model, passages.subList(0, Math.min(passages.size(), Math.max(64, batch))), batch);
            long started = System.nanoTime();
            run(model, passages, batch);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("batch %3d: %.1f passages/s (%.2f ms per passage)%n", batch,
                    passages.size() / seconds, seconds * 1000 / passages.size());
        }
    }

    private static void run(Embedder model, List<String> texts, int batch) {
        for (int from = 0; from < texts.size(); from += batch) {
            List<float[]> v = model.embed(texts.subList(from, Math.min(texts.size(), from + batch)));
            if (v.isEmpty() || v.getFirst().length != model.dimension()) {
                throw new IllegalStateException("the model returned no vector of dimension " + model.dimension());
            }
        }
    }

    /** Sections of generated articles, each prefixed with its article's title, as the engine's passages are. */
    static List<String> passages(int count) {
        KbGenerator gen = new KbGenerator(KbGenerator.DEFAULT_SEED);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; out.size() < count; i++) {
            ArticleArchive a = gen.archive(i);
            ArticleContent content = a.revisions().get(a.article().sourceLocale()).getFirst().content();
            String title = content.title();
            String body = content.body();
            for (String section : body.split("\n(?=#+ )")) {
                String text = section.strip();
                if (!text.isEmpty() && out.size() < count) {
                    String input = title + "\n" + text;
                    out.add(input.length() > MAX_CHARS ? input.substring(0, MAX_CHARS) : input);
                }
            }
        }
        return out;
    }
}
