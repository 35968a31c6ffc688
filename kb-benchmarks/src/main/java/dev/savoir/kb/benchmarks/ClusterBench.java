package dev.savoir.kb.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.savoir.kb.ArticleArchive;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.jdbc.PostgresStores;
import dev.savoir.kb.jdbc.TestPostgres;
import dev.savoir.kb.search.SearchRequest;
import java.nio.file.Path;
import java.time.Duration;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Several nodes on PostgreSQL against the embedded file-store setup, on {@code docs} generated articles: node A
 * writes on the stores of kb-jdbc, node B follows the change feed with its own local index, and a third knowledge base
 * holds the same articles in the embedded file store.
 *
 * <ul>
 *   <li>{@code pgWrite}: one durable write (a new article) on PostgreSQL, indexed on the writing node;</li>
 *   <li>{@code pgBulkImport}: an import of 500 articles with indexing (one op; articles/s is
 *       500 over its time);</li>
 *   <li>{@code followerLag}: a publish on A until B finds it (the write plus the follow lag, which is this minus
 *       {@code pgPublish});</li>
 *   <li>{@code pgPublish}: the publish alone, the write half of {@code followerLag};</li>
 *   <li>{@code searchFollower} and {@code searchEmbedded}: the same queries on B and on the file-store knowledge
 *       base (the goal: a ratio of at most 1.05).</li>
 * </ul>
 *
 * <p>PostgreSQL is the one kb-jdbc's tests start (zonky's binaries, run as {@code nobody} when root), or
 * {@code -Dsavoir.test.postgres.url=jdbc:postgresql://...} (with {@code .user} and {@code .password}).
 *
 * @since 0.2
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
@State(Scope.Benchmark)
public class ClusterBench {
    static final int IMPORT_BATCH = 500;
    private static final ViewerContext VIEWER = ViewerContext.external(Locale.ENGLISH);

    /** Articles loaded before measuring. */
    @Param({"10000"})
    public int docs;

    private final KbGenerator generator = new KbGenerator(KbGenerator.DEFAULT_SEED);
    private HikariDataSource poolA;
    private HikariDataSource poolB;
    private Path folder;
    private KnowledgeBase a;
    private KnowledgeBase b;
    private KnowledgeBase embedded;
    private List<String> queries;
    private int next;
    private int query;
    private int imported;

    /** Starts (or reaches) PostgreSQL, opens the two nodes and the embedded knowledge base, loads the articles. */
    @Setup(Level.Trial)
    public void open() {
        folder = TempFolders.create("savoir-cluster-bench");
        TestPostgres pg = TestPostgres.get();
        String schema = TestPostgres.newSchema();
        poolA = pg.dataSource(8);
        poolB = pg.dataSource(8);
        b = node(poolB, schema, folder.resolve("b"));
        a = node(poolA, schema, folder.resolve("a"));
        embedded = KbGenerator.kbBuilder(folder.resolve("embedded")).build();
        generator.importInto(a, 0, docs, 2_000);
        generator.importInto(embedded, 0, docs, 2_000);
        imported = docs;
        a.refresh();
        b.refresh();
        embedded.refresh();
        queries = generator.shortQueries(64, false);
    }

    private static KnowledgeBase node(HikariDataSource pool, String schema, Path index) {
        PostgresStores stores = PostgresStores.builder().dataSource(pool).schema(schema).open();
        return stores.configure(KbGenerator.kbBuilder(index)).followInterval(Duration.ofSeconds(1)).build();
    }

    /** Closes everything and deletes the folders. */
    @TearDown(Level.Trial)
    public void close() {
        for (KnowledgeBase kb : new KnowledgeBase[] {a, b, embedded}) {
            if (kb != null) {
                kb.close();
            }
        }
        poolA.close();
        poolB.close();
        TempFolders.delete(folder);
    }

    private NewArticle nextArticle(String prefix) {
        int i = next++;
        return NewArticle.builder(prefix + i).category("billing").visibility(Visibility.PUBLIC)
                .locale(Locale.ENGLISH).title("Cluster " + token(i)).summary("A write on PostgreSQL.")
                .body(generator.body(i % 512)).build();
    }

    /** A word only article {@code i} of the writes holds. */
    static String token(int i) {
        StringBuilder sb = new StringBuilder("qc");
        for (int n = i; ; n /= 26) {
            sb.append((char) ('a' + n % 26));
            if (n < 26) {
                return sb.toString();
            }
        }
    }

    /** One durable write on PostgreSQL. */
    @Benchmark
    public Object pgWrite() {
        return a.create(KbGenerator.importer(), nextArticle("w-"));
    }

    /** An import of 500 articles with indexing. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public int pgBulkImport() {
        List<ArticleArchive> archives = new ArrayList<>(IMPORT_BATCH);
        for (int i = 0; i < IMPORT_BATCH; i++) {
            archives.add(generator.archive(imported++));
        }
        return a.importArchives(KbGenerator.importer(), archives, true);
    }

    /** A create and a publish on A. */
    @Benchmark
    public Object pgPublish() {
        NewArticle spec = nextArticle("p-");
        a.create(KbGenerator.importer(), spec);
        return a.publish(KbGenerator.importer(), spec.id(), Locale.ENGLISH, 1);
    }

    /** A create and a publish on A, then until B finds it. */
    @Benchmark
    public int followerLag() throws InterruptedException {
        int i = next;
        NewArticle spec = nextArticle("l-");
        a.create(KbGenerator.importer(), spec);
        a.publish(KbGenerator.importer(), spec.id(), Locale.ENGLISH, 1);
        SearchRequest r = SearchRequest.builder(token(i)).limit(5).build();
        ArticleId id = spec.id();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (b.search(VIEWER, r).hits().stream().noneMatch(h -> h.articleId().equals(id))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the follower did not find " + id + " within 30 s");
            }
            Thread.onSpinWait();
        }
        return i;
    }

    /** The next query of the set on the follower node. */
    @Benchmark
    public Object searchFollower() {
        return b.search(VIEWER, SearchRequest.builder(queries.get(query++ & 63)).build());
    }

    /** The same query on the embedded file-store knowledge base. */
    @Benchmark
    public Object searchEmbedded() {
        return embedded.search(VIEWER, SearchRequest.builder(queries.get(query++ & 63)).build());
    }
}
