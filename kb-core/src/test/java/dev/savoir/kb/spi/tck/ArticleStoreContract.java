package dev.savoir.kb.spi.tck;

import static dev.savoir.kb.spi.tck.StoreFixtures.create;
import static dev.savoir.kb.spi.tck.StoreFixtures.edit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleVersionConflictException;
import dev.savoir.kb.AuditAction;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.Revision;
import dev.savoir.kb.spi.ArticleStore;
import dev.savoir.kb.spi.StoreChange;
import dev.savoir.kb.spi.StoreCommit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit of the {@link ArticleStore} SPI. A store implementation runs the whole suite by subclassing
 * and implementing {@link #newStore()}; a behaviour it cannot honour must be declared by overriding the test with a
 * documented reason, never silently skipped.
 */
public abstract class ArticleStoreContract {
    protected static final Locale EN = Locale.ENGLISH;
    protected static final Locale FR = Locale.FRENCH;

    protected ArticleStore store;

    /** A new, empty store. */
    protected abstract ArticleStore newStore();

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    protected Article article(String id) {
        return store.article(ArticleId.of(id)).orElseThrow();
    }

    @Test
    void emptyStore_hasNothing() {
        assertThat(store.size()).isZero();
        assertThat(store.lastSequence()).isZero();
        assertThat(store.articleIds()).isEmpty();
        assertThat(store.article(ArticleId.of("nope"))).isEmpty();
        assertThat(store.revisions(ArticleId.of("nope"), EN)).isEmpty();
        assertThat(store.auditEvents(ArticleId.of("nope"))).isEmpty();
        assertThat(store.changesSince(0, 10)).isEmpty();
    }

    @Test
    void existing_answersForManyIdsAtOnce() {
        store.commit(create("a1", EN, "One"));
        store.commit(create("a3", EN, "Three"));
        assertThat(store.existing(List.of(ArticleId.of("a1"), ArticleId.of("a2"), ArticleId.of("a3"))))
                .containsExactlyInAnyOrder(ArticleId.of("a1"), ArticleId.of("a3"));
        assertThat(store.existing(List.of(ArticleId.of("a2")))).isEmpty();
        assertThat(store.existing(List.of())).isEmpty();
    }

    @Test
    void commit_create_isReadBack() {
        long seq = store.commit(create("a1", EN, "Reset your password"));
        assertThat(seq).isEqualTo(1);
        Article a = article("a1");
        assertThat(a.version()).isEqualTo(1);
        assertThat(a.attributes()).containsEntry("product", "crm");
        Revision r = store.revision(a.id(), EN, 1).orElseThrow();
        assertThat(r.content().title()).isEqualTo("Reset your password");
        assertThat(r.content().body()).contains("équipe, Größe");
        assertThat(store.auditEvents(a.id())).extracting(e -> e.action()).containsExactly(AuditAction.CREATED);
    }

    @Test
    void commit_edits_appendRevisionsInOrder() {
        store.commit(create("a1", EN, "v1"));
        store.commit(edit(article("a1"), EN, "v2"));
        store.commit(edit(article("a1"), FR, "v1 fr"));
        store.commit(edit(article("a1"), EN, "v3"));
        assertThat(store.revisions(ArticleId.of("a1"), EN)).extracting(r -> r.content().title())
                .containsExactly("v1", "v2", "v3");
        assertThat(store.revisions(ArticleId.of("a1"), FR)).extracting(Revision::number).containsExactly(1);
        assertThat(article("a1").version()).isEqualTo(4);
        assertThat(store.auditEvents(ArticleId.of("a1"))).hasSize(4);
        assertThat(store.revision(ArticleId.of("a1"), EN, 4)).isEmpty();
        assertThat(store.revision(ArticleId.of("a1"), EN, 0)).isEmpty();
    }

    @Test
    void commit_staleVersion_isRefusedAndWritesNothing() {
        store.commit(create("a1", EN, "v1"));
        Article v1 = article("a1");
        store.commit(edit(v1, EN, "v2 by alice"));
        assertThatThrownBy(() -> store.commit(edit(v1, EN, "v2 by bob")))
                .isInstanceOf(ArticleVersionConflictException.class)
                .satisfies(e -> assertThat(((ArticleVersionConflictException) e).currentVersion()).isEqualTo(2));
        assertThat(store.revisions(ArticleId.of("a1"), EN)).extracting(r -> r.content().title())
                .containsExactly("v1", "v2 by alice");
        assertThat(store.lastSequence()).isEqualTo(2);
    }

    @Test
    void commit_createExisting_isRefused() {
        store.commit(create("a1", EN, "v1"));
        assertThatThrownBy(() -> store.commit(create("a1", EN, "again")))
                .isInstanceOf(ArticleVersionConflictException.class);
        assertThat(store.revisions(ArticleId.of("a1"), EN)).hasSize(1);
    }

    @Test
    void commitAll_conflictInBatch_writesNothing() {
        store.commit(create("a1", EN, "v1"));
        Article v1 = article("a1");
        List<StoreCommit> batch = List.of(create("b1", EN, "b"), create("b2", EN, "b"), edit(v1, EN, "x"),
                edit(v1, EN, "stale"));
        assertThatThrownBy(() -> store.commitAll(batch)).isInstanceOf(ArticleVersionConflictException.class);
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.lastSequence()).isEqualTo(1);
    }

    @Test
    void commitAll_manyArticles_allStoredWithConsecutiveSequences() {
        List<StoreCommit> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batch.add(create("bulk-" + i, EN, "Bulk " + i));
        }
        long last = store.commitAll(batch);
        assertThat(last).isEqualTo(500);
        assertThat(store.size()).isEqualTo(500);
        assertThat(store.revision(ArticleId.of("bulk-499"), EN, 1).orElseThrow().content().title())
                .isEqualTo("Bulk 499");
    }

    @Test
    void changesSince_listsEachChangedArticleOnceInSequenceOrder() {
        store.commit(create("a", EN, "a"));
        store.commit(create("b", EN, "b"));
        store.commit(edit(article("a"), EN, "a2"));
        store.commit(create("c", EN, "c"));
        assertThat(store.changesSince(0, 100)).containsExactly(new StoreChange(2, ArticleId.of("b")),
                new StoreChange(3, ArticleId.of("a")), new StoreChange(4, ArticleId.of("c")));
        assertThat(store.changesSince(3, 100)).containsExactly(new StoreChange(4, ArticleId.of("c")));
        assertThat(store.changesSince(0, 1)).hasSize(1);
        assertThat(store.articleIds()).extracting(ArticleId::value).containsExactly("a", "b", "c");
    }

    @Test
    void concurrentCommits_onSameVersion_exactlyOneWins() throws Exception {
        store.commit(create("hot", EN, "v1"));
        Article base = article("hot");
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger wins = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> other = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < threads; i++) {
            int n = i;
            pool.submit(() -> {
                try {
                    start.await();
                    store.commit(edit(base, EN, "by " + n));
                    wins.incrementAndGet();
                } catch (ArticleVersionConflictException expected) {
                    // the loser's typed conflict
                } catch (Throwable t) {
                    other.add(t);
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(other).isEmpty();
        assertThat(wins.get()).isEqualTo(1);
        assertThat(store.revisions(base.id(), EN)).hasSize(2);
    }

    @Test
    void concurrentCommits_onDifferentArticles_allLand() throws Exception {
        int threads = 4;
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            int tn = t;
            pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    store.commit(create("t" + tn + "-" + i, EN, "x"));
                }
                return null;
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(store.size()).isEqualTo(threads * perThread);
        assertThat(store.lastSequence()).isEqualTo(threads * perThread);
    }

    @Test
    void revisionGap_isRefused() {
        store.commit(create("a1", EN, "v1"));
        StoreCommit e = edit(article("a1"), EN, "v2");
        StoreCommit gap = new StoreCommit(e.article(), e.expectedVersion(),
                List.of(StoreFixtures.revision(ArticleId.of("a1"), EN, 3, "v3")), List.of());
        assertThatThrownBy(() -> store.commit(gap)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("append-only");
        assertThat(store.revisions(ArticleId.of("a1"), EN)).hasSize(1);
    }
}
