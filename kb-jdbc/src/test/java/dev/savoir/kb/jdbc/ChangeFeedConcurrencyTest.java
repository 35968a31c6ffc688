package dev.savoir.kb.jdbc;

import static dev.savoir.kb.spi.tck.StoreFixtures.create;
import static dev.savoir.kb.spi.tck.StoreFixtures.edit;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleVersionConflictException;
import dev.savoir.kb.spi.ArticleStore;
import dev.savoir.kb.spi.StoreChange;
import dev.savoir.kb.spi.StoreCommit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change feed under concurrent writers on several nodes (one pool and one {@link PostgresStores} each, on one
 * schema) and readers polling at the same time: a reader never sees a sequence number before a smaller one that
 * commits later, so it can follow the feed with a single cursor and miss nothing.
 */
class ChangeFeedConcurrencyTest {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeedConcurrencyTest.class);
    private static final Locale EN = Locale.ENGLISH;
    private static final int NODES = 3;
    private static final int WRITERS_PER_NODE = 3;

    private final List<HikariDataSource> pools = new ArrayList<>();
    private final List<ArticleStore> nodes = new ArrayList<>();

    @BeforeEach
    void openNodes() {
        String schema = TestPostgres.newSchema();
        for (int i = 0; i < NODES; i++) {
            HikariDataSource ds = TestPostgres.get().dataSource(WRITERS_PER_NODE + 2);
            pools.add(ds);
            nodes.add(PostgresStores.builder().dataSource(ds).schema(schema).open().articleStore());
        }
    }

    @AfterEach
    void closeNodes() {
        nodes.forEach(ArticleStore::close);
        pools.forEach(HikariDataSource::close);
    }

    @Test
    void creates_onSeveralNodes_areSeenByEveryReader_exactlyOnce_withoutGaps() throws Exception {
        int perWriter = 60;
        AtomicInteger created = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(NODES * WRITERS_PER_NODE + NODES);
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> writers = new ArrayList<>();
        for (int n = 0; n < NODES; n++) {
            ArticleStore node = nodes.get(n);
            for (int w = 0; w < WRITERS_PER_NODE; w++) {
                String prefix = "n" + n + "w" + w + "-";
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perWriter; i++) {
                        // Some single commits, some small batches: both take their numbers from the same head.
                        if (i % 5 == 4) {
                            node.commitAll(List.of(create(prefix + i + "a", EN, "x"), create(prefix + i + "b", EN,
                                    "y")));
                            created.addAndGet(2);
                        } else {
                            node.commit(create(prefix + i, EN, "x"));
                            created.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
        }
        // One reader per node, each with a cursor: every change it reads must be the next number.
        List<Future<List<StoreChange>>> readers = new ArrayList<>();
        for (int n = 0; n < NODES; n++) {
            ArticleStore node = nodes.get(n);
            readers.add(pool.submit(() -> {
                List<StoreChange> seen = new ArrayList<>();
                long cursor = 0;
                start.await();
                while (true) {
                    boolean last = !writing.get();
                    List<StoreChange> page = node.changesSince(cursor, 17);
                    for (StoreChange c : page) {
                        assertThat(c.sequence()).as("the change after %d (a gap would be filled later)", cursor)
                                .isEqualTo(cursor + 1);
                        cursor = c.sequence();
                        seen.add(c);
                    }
                    if (last && page.isEmpty()) {
                        return seen;
                    }
                }
            }));
        }
        long t0 = System.nanoTime();
        start.countDown();
        for (Future<?> w : writers) {
            w.get(120, TimeUnit.SECONDS);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        writing.set(false);
        int total = created.get();
        assertThat(total).isEqualTo(NODES * WRITERS_PER_NODE * (perWriter + perWriter / 5));
        for (Future<List<StoreChange>> r : readers) {
            List<StoreChange> seen = r.get(60, TimeUnit.SECONDS);
            assertThat(seen).hasSize(total);
            assertThat(seen).extracting(StoreChange::articleId).doesNotHaveDuplicates();
            assertThat(seen.getLast().sequence()).isEqualTo(total);
        }
        pool.shutdown();
        assertThat(nodes.getFirst().lastSequence()).isEqualTo(total);
        assertThat(nodes.getLast().size()).isEqualTo(total);
        LOG.info("Change feed: {} commits by {} writers on {} nodes in {} s ({} commits/s), {} readers polling",
                total, NODES * WRITERS_PER_NODE, NODES, String.format("%.2f", seconds),
                Math.round(total / seconds), NODES);
    }

    @Test
    void editsAndConflicts_onSeveralNodes_followerEndsWithEveryArticlesLatestChange() throws Exception {
        int articles = 30;
        List<StoreCommit> seed = new ArrayList<>();
        for (int i = 0; i < articles; i++) {
            seed.add(create("hot-" + i, EN, "v1"));
        }
        nodes.getFirst().commitAll(seed);
        ExecutorService pool = Executors.newFixedThreadPool(NODES * WRITERS_PER_NODE + 1);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger conflicts = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        List<Future<?>> writers = new ArrayList<>();
        for (int n = 0; n < NODES; n++) {
            ArticleStore node = nodes.get(n);
            for (int w = 0; w < WRITERS_PER_NODE; w++) {
                int seed0 = n * 31 + w;
                writers.add(pool.submit(() -> {
                    java.util.Random random = new java.util.Random(seed0);
                    for (int i = 0; i < 40; i++) {
                        ArticleId id = ArticleId.of("hot-" + random.nextInt(articles));
                        Article current = node.article(id).orElseThrow();
                        try {
                            node.commit(edit(current, EN, "edit " + i));
                        } catch (ArticleVersionConflictException expected) {
                            conflicts.incrementAndGet();
                        } catch (Throwable t) {
                            errors.add(t);
                        }
                    }
                    return null;
                }));
            }
        }
        // A follower: applies each change it reads (the article's latest number) and never moves its cursor back.
        Future<Map<ArticleId, Long>> follower = pool.submit(() -> {
            Map<ArticleId, Long> applied = new HashMap<>();
            long cursor = 0;
            while (true) {
                boolean last = !writing.get();
                List<StoreChange> page = nodes.get(1).changesSince(cursor, 25);
                for (StoreChange c : page) {
                    assertThat(c.sequence()).isGreaterThan(cursor);
                    cursor = c.sequence();
                    applied.put(c.articleId(), c.sequence());
                }
                if (last && page.isEmpty()) {
                    return applied;
                }
            }
        });
        for (Future<?> w : writers) {
            w.get(120, TimeUnit.SECONDS);
        }
        writing.set(false);
        Map<ArticleId, Long> applied = follower.get(60, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(errors).isEmpty();
        Map<ArticleId, Long> truth = new HashMap<>();
        for (StoreChange c : nodes.get(2).changesSince(0, 1_000)) {
            truth.put(c.articleId(), c.sequence());
        }
        assertThat(applied).isEqualTo(truth);
        long commits = nodes.getFirst().lastSequence();
        long edits = commits - articles;
        assertThat(edits + conflicts.get()).isEqualTo(NODES * WRITERS_PER_NODE * 40);
        for (int i = 0; i < articles; i++) {
            ArticleId id = ArticleId.of("hot-" + i);
            Article a = nodes.getFirst().article(id).orElseThrow();
            assertThat(nodes.get(1).revisions(id, EN)).as("no lost update on %s", id).hasSize((int) a.version());
        }
    }
}
