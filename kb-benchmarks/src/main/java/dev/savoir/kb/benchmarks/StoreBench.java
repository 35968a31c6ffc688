package dev.savoir.kb.benchmarks;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Visibility;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The durable store alone (no search engine): one durable write (a new article, flushed to disk before returning),
 * a grouped write of 100 articles sharing their flushes, and reads of articles, on a knowledge base holding 10,000
 * generated articles.
 *
 * @since 0.1
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
@State(Scope.Thread)
public class StoreBench {
    private static final int PRELOADED = 10_000;
    private final KbGenerator generator = new KbGenerator(KbGenerator.DEFAULT_SEED);
    private Path folder;
    private KnowledgeBase kb;
    private int created;
    private int read;

    /** A store-only knowledge base with 10,000 articles. */
    @Setup(Level.Trial)
    public void open() {
        folder = TempFolders.create("savoir-store-bench");
        kb = KnowledgeBase.builder().directory(folder).requireReview(false).build();
        generator.importInto(kb, 0, PRELOADED, 2_000);
    }

    /** Closes and deletes it. */
    @TearDown(Level.Trial)
    public void close() {
        kb.close();
        TempFolders.delete(folder);
    }

    private NewArticle next() {
        int i = created++;
        return NewArticle.builder("w-" + i).category("billing").visibility(Visibility.PUBLIC)
                .locale(Locale.ENGLISH).title("Write " + i).summary("A durable write.")
                .body(generator.body(i % 512)).build();
    }

    /** One durable write. */
    @Benchmark
    public Object durableWrite() {
        return kb.create(KbGenerator.importer(), next());
    }

    /** 100 articles in one grouped write. */
    @Benchmark
    public Object groupedWrite100() {
        List<NewArticle> specs = new ArrayList<>(100);
        for (int i = 0; i < 100; i++) {
            specs.add(next());
        }
        return kb.createAll(KbGenerator.importer(), specs);
    }

    /** Reads one article. */
    @Benchmark
    public Object read() {
        read = (read + 7919) % PRELOADED;
        return kb.article(KbGenerator.importer(), ArticleId.of(KbGenerator.id(read)));
    }
}
