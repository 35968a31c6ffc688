package dev.savoir.kb.jdbc;

import static dev.savoir.kb.spi.tck.StoreFixtures.create;
import static dev.savoir.kb.spi.tck.StoreFixtures.edit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleVersionConflictException;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.MutableClock;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Role;
import dev.savoir.kb.StoreCorruptedException;
import dev.savoir.kb.StoreException;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.lucene.LuceneSearchEngine;
import dev.savoir.kb.spi.ArticleStore;
import dev.savoir.kb.spi.StoreCommit;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the conformance kit does not cover: documents, corruption, closing, races between nodes, bulk speed. */
class PgArticleStoreTest {
    private static final Logger LOG = LoggerFactory.getLogger(PgArticleStoreTest.class);
    private static final Locale EN = Locale.ENGLISH;

    private HikariDataSource dataSource;
    private String schema;
    private PostgresStores stores;
    private ArticleStore store;

    @BeforeEach
    void open() {
        dataSource = TestPostgres.get().dataSource(6);
        schema = TestPostgres.newSchema();
        stores = PostgresStores.builder().dataSource(dataSource).schema(schema).open();
        store = stores.articleStore();
    }

    @AfterEach
    void close() {
        stores.close();
        dataSource.close();
    }

    @Test
    void transitionsDue_listsOnlyTheArticlesWhoseScheduledTransitionCame_andIndexesRowsFromBeforeVersion8(
            @TempDir Path dir) {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
        Actor editor = Actor.of("editor", Role.AUTHOR, Role.PUBLISHER, Role.ADMIN);
        PostgresStores own = PostgresStores.builder().dataSource(dataSource).schema(schema).open();
        try (KnowledgeBase kb = own.configure(KnowledgeBase.builder()).directory(dir).clock(clock)
                .searchEngine(LuceneSearchEngine.factory()).requireReview(false).schedulerInterval(Duration.ZERO)
                .build()) {
            for (String id : List.of("plain", "soon", "later", "leaving")) {
                kb.create(editor, NewArticle.builder(id).category("Help").visibility(Visibility.PUBLIC)
                        .title("Article " + id).body("Body of " + id + ".").build());
            }
            kb.schedulePublish(editor, ArticleId.of("soon"), EN, 1, clock.instant().plus(Duration.ofHours(1)));
            kb.schedulePublish(editor, ArticleId.of("later"), EN, 1, clock.instant().plus(Duration.ofDays(3)));
            kb.publish(editor, ArticleId.of("leaving"), EN, 1);
            kb.scheduleArchive(editor, ArticleId.of("leaving"), EN, clock.instant().plus(Duration.ofHours(2)));
            Instant now = clock.instant();
            assertThat(store.transitionsDue(now)).isEmpty();
            assertThat(store.transitionsDue(now.plus(Duration.ofHours(3))))
                    .extracting(ArticleId::value).containsExactly("leaving", "soon");
            // rows as schema version 8 leaves those written before it
            TestPostgres.get().sql("UPDATE \"" + schema + "\".articles SET next_transition = '-infinity'");
            assertThat(store.transitionsDue(now.plus(Duration.ofHours(3))))
                    .extracting(ArticleId::value).containsExactly("leaving", "soon");
            assertThat(store.transitionsDue(now.plus(Duration.ofDays(4))))
                    .extracting(ArticleId::value).containsExactly("later", "leaving", "soon");
            clock.advance(Duration.ofHours(3));
            assertThat(kb.processScheduled()).isEqualTo(2);
            assertThat(store.transitionsDue(clock.instant())).as("what ran is no longer due").isEmpty();
            assertThat(store.transitionsDue(clock.instant().plus(Duration.ofDays(3))))
                    .extracting(ArticleId::value).containsExactly("later");
        }
    }

    @Test
    void bodyWithNulAndAstralCharacters_roundTripsExactly() {
        StoreCommit c = create("nul", EN, "t");
        Revision r = c.revisions().getFirst();
        Revision odd = new Revision(r.articleId(), EN, 1, new ArticleContent("Zero \u0000 byte", "é 😀",
                "a\u0000b\u001f c \"quoted\" \\ back", List.of("t")), r.author(), r.createdAt(), r.changeNote(),
                r.contentHash(), null);
        store.commit(new StoreCommit(c.article(), 0, List.of(odd), c.events()));
        assertThat(store.revision(ArticleId.of("nul"), EN, 1)).contains(odd);
        assertThat(store.article(ArticleId.of("nul"))).contains(c.article());
        assertThat(store.auditEvents(ArticleId.of("nul"))).isEqualTo(c.events());
    }

    @Test
    void damagedDocument_isStoreCorruption_namingTheRow() {
        store.commit(create("a1", EN, "v1"));
        TestPostgres.get().sql("UPDATE \"" + schema + "\".revisions SET doc = '{\"articleId\": \"a1\", \"x\": 1}'");
        assertThatThrownBy(() -> store.revision(ArticleId.of("a1"), EN, 1))
                .isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining("the revision 1 [en] of a1 in \"" + schema + "\".revisions")
                .hasMessageContaining("unknown field \"x\"")
                .hasMessageContaining("Restore the database from a backup");
    }

    @Test
    void closedStore_refusesReadsAndWrites() {
        store.close();
        assertThatThrownBy(() -> store.commit(create("a", EN, "x"))).isInstanceOf(StoreException.class)
                .hasMessageContaining("is closed");
        assertThatThrownBy(() -> store.lastSequence()).isInstanceOf(StoreException.class);
        store.close();
    }

    @Test
    void changesSince_negativeLimit_isATypedError() {
        assertThatThrownBy(() -> store.changesSince(0, -1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("limit");
        assertThat(store.changesSince(0, 0)).isEmpty();
    }

    @Test
    void sameIdCreated_onTwoNodesAtOnce_oneWins_theOtherGetsATypedConflict() throws Exception {
        try (HikariDataSource other = TestPostgres.get().dataSource(6);
             PostgresStores node2 = PostgresStores.builder().dataSource(other).schema(schema).open()) {
            for (int round = 0; round < 20; round++) {
                String id = "race-" + round;
                CountDownLatch go = new CountDownLatch(1);
                ExecutorService pool = Executors.newFixedThreadPool(2);
                List<Future<Long>> results = new ArrayList<>();
                for (ArticleStore node : List.of(store, node2.articleStore())) {
                    results.add(pool.submit(() -> {
                        go.await();
                        return node.commit(create(id, EN, "by a node"));
                    }));
                }
                go.countDown();
                int won = 0;
                for (Future<Long> f : results) {
                    try {
                        f.get(30, TimeUnit.SECONDS);
                        won++;
                    } catch (java.util.concurrent.ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOf(ArticleVersionConflictException.class);
                        assertThat(((ArticleVersionConflictException) e.getCause()).currentVersion()).isEqualTo(1);
                    }
                }
                pool.shutdown();
                assertThat(won).isEqualTo(1);
                assertThat(store.revisions(ArticleId.of(id), EN)).hasSize(1);
            }
            assertThat(store.lastSequence()).as("no number taken by a loser").isEqualTo(20);
        }
    }

    @Test
    void commitAll_ofThousands_isBatched_andMeasured() {
        int n = 5_000;
        List<StoreCommit> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            batch.add(create("bulk-" + i, EN, "Bulk article " + i));
        }
        store.commitAll(batch.subList(0, 200));
        long t0 = System.nanoTime();
        long last = store.commitAll(batch.subList(200, n));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(last).isEqualTo(n);
        assertThat(store.size()).isEqualTo(n);
        List<StoreCommit> edits = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            edits.add(edit(store.article(ArticleId.of("bulk-" + i)).orElseThrow(), EN, "second"));
        }
        long t1 = System.nanoTime();
        store.commitAll(edits);
        double editSeconds = (System.nanoTime() - t1) / 1e9;
        int single = 200;
        long t2 = System.nanoTime();
        for (int i = 0; i < single; i++) {
            store.commit(create("one-" + i, EN, "single"));
        }
        double singleMs = (System.nanoTime() - t2) / 1e6 / single;
        LOG.info("PostgreSQL store: commitAll of {} creates in {} s ({} articles/s); 1,000 edits in one commitAll "
                        + "in {} s; single commits {} ms each", n - 200, String.format("%.2f", seconds),
                Math.round((n - 200) / seconds), String.format("%.2f", editSeconds), String.format("%.2f", singleMs));
        assertThat(store.revisions(ArticleId.of("bulk-999"), EN)).hasSize(2);
    }
}
