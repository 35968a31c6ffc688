package dev.savoir.kb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.internal.store.InMemoryArticleStore;
import dev.savoir.kb.spi.ArticleStore;
import dev.savoir.kb.spi.SchedulerLease;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Two knowledge bases on one store, as two application nodes on one database: scheduled transitions run only in the
 * one holding the lease, hand over when it is released or expires, and a single process always holds it.
 */
class SchedulerLeaseTest {
    private static final Locale EN = Locale.ENGLISH;
    private static final Actor ALICE = Actor.of("alice", Role.AUTHOR);
    private static final Actor BOB = Actor.of("bob", Role.REVIEWER, Role.PUBLISHER);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));

    /** A lease on one shared row: a holder and an expiry, as a database implementation keeps it. */
    static final class SharedRow {
        private @Nullable Object holder;
        private Instant expires = Instant.EPOCH;
        private final Clock clock;

        SharedRow(Clock clock) {
            this.clock = clock;
        }

        SchedulerLease leaseFor(Object node) {
            return new SchedulerLease() {
                @Override
                public boolean tryAcquire(Duration ttl) {
                    synchronized (SharedRow.this) {
                        Instant now = clock.instant();
                        if (holder == null || holder == node || !now.isBefore(expires)) {
                            holder = node;
                            expires = now.plus(ttl);
                            return true;
                        }
                        return false;
                    }
                }

                @Override
                public void release() {
                    synchronized (SharedRow.this) {
                        if (holder == node) {
                            holder = null;
                        }
                    }
                }
            };
        }
    }

    /** The shared store, which each node may close without closing it for the other. */
    private static ArticleStore unclosable(ArticleStore store) {
        return (ArticleStore) Proxy.newProxyInstance(ArticleStore.class.getClassLoader(),
                new Class<?>[] {ArticleStore.class}, (proxy, method, args) -> method.getName().equals("close")
                        ? null : method.invoke(store, args));
    }

    private KnowledgeBase node(ArticleStore shared, SchedulerLease lease) {
        return KnowledgeBase.builder().store(unclosable(shared)).clock(clock).schedulerInterval(Duration.ZERO)
                .schedulerLease(lease).build();
    }

    private static ArticleId scheduleOne(KnowledgeBase kb, String id, Instant at) {
        ArticleId a = kb.create(ALICE, NewArticle.builder(id).category("Billing").visibility(Visibility.PUBLIC)
                .title("Invoices " + id).body("Open Billing.").build()).id();
        kb.submitForReview(ALICE, a, EN, 1);
        kb.approve(BOB, a, EN, 1);
        kb.schedulePublish(BOB, a, EN, 1, at);
        return a;
    }

    @Test
    void twoNodesOnOneStore_onlyTheLeaseHolderRunsScheduledTransitions() {
        ArticleStore store = new InMemoryArticleStore();
        SharedRow row = new SharedRow(clock);
        Object nodeA = new Object();
        Object nodeB = new Object();
        try (KnowledgeBase a = node(store, row.leaseFor(nodeA)); KnowledgeBase b = node(store, row.leaseFor(nodeB))) {
            Instant at = clock.instant().plus(Duration.ofHours(1));
            ArticleId first = scheduleOne(a, "first", at);
            clock.advance(Duration.ofHours(1));
            assertThat(a.processScheduled()).as("node A takes the lease and publishes").isEqualTo(1);
            assertThat(b.processScheduled()).as("node B may not run while A holds the lease").isZero();
            assertThat(b.article(ALICE, first).translations().get(EN).state()).isEqualTo(TranslationState.PUBLISHED);

            ArticleId second = scheduleOne(b, "second", clock.instant().plus(Duration.ofMinutes(1)));
            clock.advance(Duration.ofMinutes(1));
            assertThat(b.processScheduled()).isZero();
            a.close();
            assertThat(b.processScheduled()).as("A released the lease on close: B takes over").isEqualTo(1);
            assertThat(b.article(ALICE, second).translations().get(EN).state())
                    .isEqualTo(TranslationState.PUBLISHED);
        }
    }

    @Test
    void aNodeThatStopsRenewing_losesTheLeaseWhenItExpires() {
        ArticleStore store = new InMemoryArticleStore();
        SharedRow row = new SharedRow(clock);
        Object nodeA = new Object();
        Object nodeB = new Object();
        SchedulerLease leaseA = row.leaseFor(nodeA);
        assertThat(leaseA.tryAcquire(Duration.ofMinutes(5))).isTrue();
        try (KnowledgeBase b = node(store, row.leaseFor(nodeB))) {
            scheduleOne(b, "late", clock.instant().plus(Duration.ofMinutes(1)));
            clock.advance(Duration.ofMinutes(1));
            assertThat(b.processScheduled()).as("A's lease still runs").isZero();
            clock.advance(Duration.ofMinutes(5));
            assertThat(b.processScheduled()).as("A's lease expired (a crashed node)").isEqualTo(1);
        }
    }

    @Test
    void localLease_isAlwaysGranted() {
        assertThat(SchedulerLease.local().tryAcquire(Duration.ofSeconds(1))).isTrue();
        SchedulerLease.local().release();
        assertThat(SchedulerLease.local().tryAcquire(Duration.ofSeconds(1))).isTrue();
    }
}
