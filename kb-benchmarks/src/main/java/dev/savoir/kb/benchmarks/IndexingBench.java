package dev.savoir.kb.benchmarks;

import dev.savoir.kb.Article;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.search.SearchRequest;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Indexing: a bulk import of {@code batch} generated articles into a new durable knowledge base, until searchable
 * ({@code bulkImport}, one shot per iteration: articles per second = batch / time), and the time from publishing one
 * article to finding it by search under near-real-time refresh, without an explicit refresh
 * ({@code publishToSearchable}).
 *
 * @since 0.1
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
@State(Scope.Thread)
public class IndexingBench {
    /** Articles per bulk import. */
    @Param("5000")
    public int batch;

    private final KbGenerator generator = new KbGenerator(KbGenerator.DEFAULT_SEED);
    private Path folder;
    private KnowledgeBase kb;
    private int round;
    private int published;

    /** A new, empty knowledge base for each shot. */
    @Setup(Level.Invocation)
    public void open() {
        folder = TempFolders.create("savoir-index-bench");
        kb = KbGenerator.kbBuilder(folder).build();
        round++;
    }

    /** Closes and deletes it. */
    @TearDown(Level.Invocation)
    public void close() {
        kb.close();
        TempFolders.delete(folder);
    }

    /** Imports {@code batch} articles (published, with translations) and makes them searchable. */
    @Benchmark
    public int bulkImport() {
        int from = (round % 10) * batch;
        int n = generator.importInto(kb, from, from + batch, 1_000);
        kb.refresh();
        return n;
    }

    /** Publishes one article with a unique word and searches for it until found. */
    @Benchmark
    public long publishToSearchable() throws InterruptedException {
        String word = "zqxnrt" + (char) ('a' + round % 26) + (char) ('a' + published++ % 26);
        Article a = kb.create(KbGenerator.importer(), NewArticle.builder("nrt-" + round + "-" + published)
                .category("billing").visibility(Visibility.PUBLIC).locale(Locale.ENGLISH)
                .title("Publishing check " + word).body("The word " + word + " is searchable.").build());
        kb.publish(KbGenerator.importer(), a.id(), Locale.ENGLISH, 1);
        ViewerContext viewer = ViewerContext.external(Locale.ENGLISH);
        SearchRequest q = SearchRequest.of(word);
        long polls = 0;
        while (kb.search(viewer, q).totalHits() == 0) {
            polls++;
            Thread.sleep(2);
        }
        return polls;
    }
}
