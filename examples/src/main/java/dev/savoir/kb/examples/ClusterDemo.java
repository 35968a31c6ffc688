package dev.savoir.kb.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Role;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.jdbc.PostgresStores;
import dev.savoir.kb.lucene.LuceneSearchEngine;
import dev.savoir.kb.markdown.MarkdownRenderer;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * The demo's {@code cluster} part: two application nodes on one PostgreSQL, each a knowledge base with its own
 * Lucene index folder, in a schema of their own. A change written on node A is found on node B (and a take-down on B
 * stops on A), with the time each took to reach the other node, then the follow lag over a series of publishes.
 */
public final class ClusterDemo {
    private static final Actor EDITOR = Actor.of("demo-editor", Role.AUTHOR, Role.PUBLISHER);
    private static final ViewerContext CUSTOMER = ViewerContext.external(Locale.ENGLISH);
    private static final int SERIES = 20;

    private ClusterDemo() {
    }

    /** What the demo measured. */
    public record Result(long foundOnB, long takenDownOnA, long p50, long p99) {
    }

    /**
     * Runs the demo on the database at {@code url} in a new schema, dropped at the end; index folders under
     * {@code folder}. Times in milliseconds.
     */
    public static Result run(String url, String user, String password, Path folder, PrintStream out)
            throws InterruptedException {
        String schema = "savoir_demo_" + Long.toString(System.currentTimeMillis(), 36);
        out.println("== Two nodes on one PostgreSQL (" + url + ", schema " + schema + ")");
        try (HikariDataSource poolA = pool(url, user, password, "a");
             HikariDataSource poolB = pool(url, user, password, "b")) {
            try (KnowledgeBase a = node(poolA, schema, folder.resolve("node-a"));
                 KnowledgeBase b = node(poolB, schema, folder.resolve("node-b"))) {
                ArticleId id = publish(a, "router-reset", "Reset your router",
                        "Hold the **reset** button for ten seconds, then wait for the light to turn green.");
                long found = waitFor(() -> finds(b, "reset router", id));
                out.printf("Node A published \"Reset your router\"; node B found it %d ms after the publish "
                        + "returned%n", found);
                b.unpublish(EDITOR, id, Locale.ENGLISH);
                long gone = waitFor(() -> !finds(a, "reset router", id));
                out.printf("Node B took it down (immediate on B); node A stopped finding it %d ms later%n", gone);
                long[] lags = new long[SERIES];
                for (int i = 0; i < SERIES; i++) {
                    String word = "demoword" + (char) ('a' + i % 26) + (char) ('a' + i / 26);
                    ArticleId next = publish(a, "series-" + i, "Series " + word, "Found on the other node: " + word
                            + ".");
                    lags[i] = waitFor(() -> finds(b, word, next));
                }
                Arrays.sort(lags);
                long p50 = lags[SERIES / 2];
                long p99 = lags[SERIES - 1];
                out.printf("Follow lag over %d publishes on A found on B: p50 %d ms, p99 (max) %d ms%n", SERIES, p50,
                        p99);
                return new Result(found, gone, p50, p99);
            } finally {
                drop(poolA, schema);
            }
        }
    }

    private static HikariDataSource pool(String url, String user, String password, String node) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(4);
        config.setPoolName("savoir-demo-" + node);
        return new HikariDataSource(config);
    }

    private static KnowledgeBase node(HikariDataSource pool, String schema, Path index) {
        PostgresStores stores = PostgresStores.builder().dataSource(pool).schema(schema).open();
        return stores.configure(KnowledgeBase.builder()).searchEngine(LuceneSearchEngine.factory())
                .renderer(MarkdownRenderer.create()).requireReview(false).directory(index).build();
    }

    private static ArticleId publish(KnowledgeBase kb, String id, String title, String body) {
        ArticleId a = kb.create(EDITOR, NewArticle.builder(id).category("Devices").visibility(Visibility.PUBLIC)
                .title(title).body(body).build()).id();
        kb.publish(EDITOR, a, Locale.ENGLISH, 1);
        return a;
    }

    private static boolean finds(KnowledgeBase kb, String query, ArticleId id) {
        return kb.search(CUSTOMER, SearchRequest.builder(query).limit(10).build()).hits().stream()
                .map(SearchHit::articleId).anyMatch(id::equals);
    }

    /** Milliseconds until the condition holds (at most 10 s). */
    private static long waitFor(BooleanSupplier condition) throws InterruptedException {
        long t0 = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - t0 > Duration.ofSeconds(10).toNanos()) {
                throw new IllegalStateException("the other node did not see the change within 10 s");
            }
            Thread.sleep(1);
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static void drop(HikariDataSource pool, String schema) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        } catch (SQLException e) {
            System.err.println("Could not drop the demo schema " + schema + ": " + e.getMessage());
        }
    }
}
