package dev.savoir.kb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.TranslationState;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.jdbc.internal.PgSchedulerLease;
import dev.savoir.kb.jdbc.internal.Tables;
import dev.savoir.kb.spi.SchedulerLease;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler lease on PostgreSQL (an advisory lock on a connection of the holder's own): one node at a time holds
 * it, a node that closes gives it up, and a node whose database session dies (what the database sees of a killed
 * process) loses it to the other at its next try.
 */
@Timeout(120)
class PgSchedulerLeaseTest {
    private static final Duration TTL = Duration.ofSeconds(90);
    static HikariDataSource dataSource;

    @TempDir
    Path dirA;
    @TempDir
    Path dirB;

    @BeforeAll
    static void pool() {
        dataSource = TestPostgres.get().dataSource(12);
    }

    @AfterAll
    static void closePool() {
        dataSource.close();
    }

    private static PostgresStores stores(String schema) {
        return PostgresStores.builder().dataSource(dataSource).schema(schema).open();
    }

    @Test
    void oneHolderAtATime_releaseHandsOver_andADeadSessionLosesIt() throws Exception {
        String schema = TestPostgres.newSchema();
        try (PostgresStores a = stores(schema); PostgresStores b = stores(schema);
             PostgresStores other = stores(TestPostgres.newSchema())) {
            SchedulerLease la = a.schedulerLease();
            SchedulerLease lb = b.schedulerLease();
            assertThat(la.tryAcquire(TTL)).isTrue();
            assertThat(lb.tryAcquire(TTL)).as("held by a").isFalse();
            assertThat(la.tryAcquire(TTL)).as("renewed by its holder").isTrue();
            assertThat(other.schedulerLease().tryAcquire(TTL)).as("another schema has its own lease").isTrue();
            la.release();
            assertThat(lb.tryAcquire(TTL)).as("released: b takes it").isTrue();
            assertThat(la.tryAcquire(TTL)).isFalse();

            killHolderSessionOf(b);
            assertThat(la.tryAcquire(TTL)).as("b's session died: a takes the lease over").isTrue();
            assertThat(lb.tryAcquire(TTL)).as("b finds its connection dead and the lease taken").isFalse();
            other.schedulerLease().release();
        }
    }

    /**
     * Ends the database session that holds a schema's lease (an advisory lock on a bigint key: its high half in
     * {@code classid}, its low half in {@code objid}), as the death of the holder's process would.
     */
    private static void killHolderSessionOf(PostgresStores holder) throws Exception {
        long key = PgSchedulerLease.keyOf(new Tables(holder.schema(), holder.tablePrefix()));
        String lock = "FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1 AND classid = "
                + (key >>> 32) + " AND objid = " + (key & 0xffffffffL);
        TestPostgres.get().sql("SELECT pg_terminate_backend(pid) " + lock);
        // pg_terminate_backend only signals the backend: the lock is gone once the session has ended.
        try (Connection c = TestPostgres.get().connect(); Statement s = c.createStatement()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (true) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) " + lock)) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return;
                    }
                }
                assertThat(System.nanoTime()).as("the killed session still holds the lock").isLessThan(deadline);
                Thread.sleep(20);
            }
        }
    }

    @Test
    void scheduledPublishing_runsOnTheHolderOnly_andMovesWhenItCloses() throws InterruptedException {
        String schema = TestPostgres.newSchema();
        KnowledgeBase a = FollowerTest.node(dataSource, schema, dirA, Duration.ofSeconds(1));
        try (KnowledgeBase b = FollowerTest.node(dataSource, schema, dirB, Duration.ofSeconds(1))) {
            Instant due = Instant.now().plusMillis(1_500);
            List<ArticleId> ids = List.of(schedule(a, "due-1", due), schedule(a, "due-2", due.plusMillis(500)));
            assertThat(a.processScheduled()).as("nothing due yet, and a takes the lease").isZero();
            Thread.sleep(Duration.between(Instant.now(), due.plusMillis(100)).toMillis());
            assertThat(b.processScheduled()).as("a holds the lease: nothing runs on b").isZero();
            assertThat(a.processScheduled()).as("a publishes what came due").isEqualTo(1);
            a.close();
            Thread.sleep(600);
            assertThat(b.processScheduled()).as("a closed: b takes over the schedule").isEqualTo(1);
            assertThat(b.article(FollowerTest.EDITOR, ids.get(1)).translations().get(FollowerTest.EN).state())
                    .isEqualTo(TranslationState.PUBLISHED);
        } finally {
            a.close();
        }
    }

    private static ArticleId schedule(KnowledgeBase kb, String id, Instant at) {
        ArticleId a = kb.create(FollowerTest.EDITOR, NewArticle.builder(id).category("Billing")
                .visibility(Visibility.PUBLIC).title("Scheduled " + id).body("Soon.").build()).id();
        kb.schedulePublish(FollowerTest.EDITOR, a, FollowerTest.EN, 1, at);
        return a;
    }
}
