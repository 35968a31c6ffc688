package dev.savoir.kb.benchmarks;

import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.search.SearchMode;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.spi.Embedder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Disk and heap of a generated knowledge base with and without passage vectors: the same {@code --docs N} articles
 * imported twice, into a Lucene engine without an embedder and into one with a 384-dimension embedder for English
 * (the in-jar model's dimension). The vectors come from a cheap word-hashing embedder ({@link BenchEmbedders}), for
 * passages and queries alike, so that the set-up is short and the heap holds no model: the figures are those of the
 * index (vectors, HNSW graph, passage documents, the embedding cache), not of the model. Each knowledge base is built,
 * closed, reopened; heap in use is read after a full GC, after opening and after 200 warm queries (hybrid ones with
 * vectors). Both are built in temporary folders, deleted at the end.
 *
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -cp kb-benchmarks/target/benchmarks.jar \
 *     dev.savoir.kb.benchmarks.SemanticFootprint --docs 10000
 * }</pre>
 *
 * <p>Ends with two lines, {@code vectors=false|true docs=N passages=N disk_mb=x cache_mb=x heap_open_mb=x
 * heap_warm_mb=x}; {@code cache_mb} is the embedding cache ({@code index/embeddings/}), part of {@code disk_mb}. A
 * usage error exits with status 2.
 *
 * @since 0.2
 */
public final class SemanticFootprint {
    private static final int DIMENSION = 384;

    private SemanticFootprint() {
    }

    /** Runs it; see the class comment. */
    public static void main(String[] args) {
        int docs = 10_000;
        try {
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--docs") && i + 1 < args.length) {
                    docs = Integer.parseInt(args[++i]);
                } else {
                    throw new IllegalArgumentException("unknown option or missing value: " + args[i]);
                }
            }
            if (docs < 1) {
                throw new IllegalArgumentException("--docs must be at least 1, got " + docs);
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\nusage: SemanticFootprint [--docs N (default 10000)]");
            System.exit(2);
            return;
        }
        for (boolean vectors : new boolean[] {false, true}) {
            Path folder = TempFolders.create("savoir-semantic-footprint");
            try {
                System.out.println(measure(docs, vectors, folder));
            } finally {
                TempFolders.delete(folder);
            }
        }
    }

    /** Builds, reopens and measures one knowledge base in {@code folder} (empty); returns its line. */
    static String measure(int docs, boolean vectors, Path folder) {
        Embedder embedder = vectors ? BenchEmbedders.hashing(DIMENSION) : null;
        long passages;
        try (KnowledgeBase kb = embedder != null ? SemanticBench.open(folder, embedder)
                : KbGenerator.kbBuilder(folder).build()) {
            passages = embedder != null ? SemanticBench.fill(kb, docs) : fillLexical(kb, docs);
        }
        long disk = size(folder);
        long cache = 0;
        try (var walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isDirectory).filter(p -> p.getFileName().toString()
                    .equals("embeddings")).toList()) {
                cache += size(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long before = usedAfterGc();
        try (KnowledgeBase kb = embedder != null ? SemanticBench.open(folder, embedder)
                : KbGenerator.kbBuilder(folder).build()) {
            long afterOpen = usedAfterGc();
            List<String> qs = new KbGenerator(KbGenerator.DEFAULT_SEED).shortQueries(200, false);
            ViewerContext viewer = ViewerContext.external(Locale.ENGLISH, "enterprise");
            for (String q : qs) {
                kb.search(viewer, SearchRequest.builder(q).mode(vectors ? SearchMode.HYBRID : SearchMode.LEXICAL)
                        .limit(10).build());
            }
            long afterWarm = usedAfterGc();
            return String.format(Locale.ROOT, "vectors=%s docs=%d passages=%d disk_mb=%.1f cache_mb=%.1f "
                            + "heap_open_mb=%.1f heap_warm_mb=%.1f", vectors, docs, passages, disk / 1048576.0,
                    cache / 1048576.0, (afterOpen - before) / 1048576.0, (afterWarm - before) / 1048576.0);
        }
    }

    private static long fillLexical(KnowledgeBase kb, int docs) {
        new KbGenerator(KbGenerator.DEFAULT_SEED).importInto(kb, 0, docs, 2_000);
        kb.refresh();
        return 0;
    }

    private static long size(Path folder) {
        try (var walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // a file removed by a merge meanwhile
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
