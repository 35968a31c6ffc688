package dev.savoir.kb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.StoreException;
import dev.savoir.kb.jdbc.internal.PgSchedulerLease;
import dev.savoir.kb.lucene.LuceneSearchEngine;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stopped under load and started again, with three nodes on it: A and B write all the time; B hears of
 * changes by notification only (it polls once a minute), C by polling only (its connections cannot listen). While the
 * database is down, writes fail with a typed {@link StoreException} that says to retry when it is back. Once it is
 * back, without restarting anything: both writers succeed again, B's listening connection is re-established (it
 * finds a change within seconds, long before its poll), C's poll catches up, the scheduler lease is held again by
 * exactly one node, and every acknowledged write of the whole run is in the store and found on all three nodes.
 */
@Timeout(240)
class DatabaseRestartIT {
    private static final Duration DOWN = Duration.ofSeconds(3);

    @TempDir
    Path dirA;
    @TempDir
    Path dirB;
    @TempDir
    Path dirC;

    private record Node(KnowledgeBase kb, PgSchedulerLease lease) {
    }

    private static Node node(DataSource ds, String schema, Path dir, Duration followInterval) {
        PostgresStores stores = PostgresStores.builder().dataSource(ds).schema(schema).open();
        KnowledgeBase kb = stores.configure(KnowledgeBase.builder()).directory(dir)
                .searchEngine(LuceneSearchEngine.factory()).requireReview(false)
                .schedulerInterval(Duration.ofMillis(500)).followInterval(followInterval).build();
        return new Node(kb, (PgSchedulerLease) stores.schedulerLease());
    }

    /** The host's pool: gives up on a connection after a second (what a caller waits while the database is down). */
    private static HikariDataSource pool(TestPostgres db, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(6);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(1_000);
        config.setPoolName("restart-" + name);
        return new HikariDataSource(config);
    }

    /** A writer on one node: publishes new articles until stopped; remembers what was acknowledged, and failures. */
    private static Thread writer(KnowledgeBase kb, String side, AtomicBoolean stop, Queue<String> acked,
                                 Queue<RuntimeException> failures) {
        return Thread.ofPlatform().name("writer-" + side).start(() -> {
            for (int n = 0; !stop.get(); n++) {
                String id = "r" + side + "-" + n;
                try {
                    FollowerTest.publish(kb, id, NodeKillChild.token(id, 1));
                    acked.add(id);
                } catch (RuntimeException e) {
                    failures.add(e);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        });
    }

    private static boolean found(KnowledgeBase kb, String id) {
        return FollowerTest.ids(kb, NodeKillChild.token(id, 1)).contains(id);
    }

    @Test
    void postgresStoppedUnderLoad_failsWritesTyped_losesNothing_andNodesResumeByThemselves() throws Exception {
        String schema = TestPostgres.newSchema();
        try (TestPostgres.Dedicated server = TestPostgres.dedicated();
             HikariDataSource dsA = pool(server.db(), "a");
             HikariDataSource dsB = pool(server.db(), "b");
             HikariDataSource dsC = pool(server.db(), "c")) {
            Node a = node(dsA, schema, dirA, Duration.ofSeconds(1));
            Node b = node(dsB, schema, dirB, Duration.ofMinutes(1));
            Node c = node(FollowerTest.deaf(dsC), schema, dirC, Duration.ofMillis(300));
            try {
                AtomicBoolean stop = new AtomicBoolean();
                Queue<String> acked = new ConcurrentLinkedQueue<>();
                Queue<RuntimeException> failures = new ConcurrentLinkedQueue<>();
                List<Thread> writers = List.of(writer(a.kb(), "a", stop, acked, failures),
                        writer(b.kb(), "b", stop, acked, failures));
                Thread.sleep(1_500);
                int ackedBefore = acked.size();
                assertThat(ackedBefore).as("writes acknowledged before the outage").isPositive();
                assertThat(failures).as("no failure before the outage").isEmpty();

                server.stop();
                long down = System.nanoTime();
                Thread.sleep(DOWN.toMillis());
                int ackedWhileDown = acked.size();
                Thread.sleep(500);
                assertThat(acked.size()).as("nothing acknowledged while the database is down")
                        .isEqualTo(ackedWhileDown);
                assertThat(failures).as("writes failed while the database was down").isNotEmpty();
                server.start();
                long up = System.nanoTime();

                // Both writers resume by themselves.
                long resumed = FollowerTest.waitUntil(() -> acked.size() >= ackedWhileDown + 10,
                        Duration.ofSeconds(30));
                assertThat(resumed).as("writes acknowledged again after the restart").isNotNegative();
                Thread.sleep(1_000);
                stop.set(true);
                for (Thread t : writers) {
                    t.join(30_000);
                }
                List<String> afterRestart = acked.stream().skip(ackedWhileDown).toList();
                assertThat(afterRestart).as("both nodes wrote after the restart")
                        .anyMatch(id -> id.startsWith("ra-")).anyMatch(id -> id.startsWith("rb-"));

                // Every failure typed, saying what to do.
                List<String> kinds = new ArrayList<>();
                for (RuntimeException e : failures) {
                    assertThat(e).as("a write during the outage").isInstanceOf(StoreException.class);
                    assertThat(e.getMessage()).as("what to do").contains("retry when it is back");
                    kinds.add(e.getClass().getSimpleName());
                }

                // B listens again: a change on A reaches it long before its once-a-minute poll.
                String probe = "probe-after-restart";
                FollowerTest.publish(a.kb(), probe, NodeKillChild.token(probe, 1));
                long probeLag = FollowerTest.waitUntil(() -> found(b.kb(), probe), Duration.ofSeconds(10));
                assertThat(probeLag).as("found on B by notification: its LISTEN connection is back").isNotNegative();

                // Followers catch up with everything acknowledged, by themselves (no refresh).
                List<String> all = new ArrayList<>(acked);
                all.add(probe);
                for (Node n : List.of(a, b, c)) {
                    long t = FollowerTest.waitUntil(() -> all.stream().allMatch(id -> found(n.kb(), id)),
                            Duration.ofSeconds(30));
                    assertThat(t).as("every acknowledged write found on %s", n == a ? "A" : n == b ? "B" : "C")
                            .isNotNegative();
                }
                for (String id : all) {
                    assertThat(a.kb().article(FollowerTest.EDITOR, dev.savoir.kb.ArticleId.of(id)).source()
                            .publishedRevision()).as("%s in the store, published", id).isEqualTo(1);
                }

                // The scheduler lease: held again, by exactly one node.
                assertThat(FollowerTest.waitUntil(() -> advisoryLocks(server.db()) == 1, Duration.ofSeconds(10)))
                        .as("one session holds the lease again").isNotNegative();
                Thread.sleep(1_200);
                assertThat(List.of(a, b, c).stream().filter(n -> n.lease().held()).count())
                        .as("one node holds the lease").isEqualTo(1);

                System.out.printf("DB-RESTART down_ms=%d acknowledged=%d (before %d) failed_writes=%d %s "
                                + "writes_resumed_ms_after_start=%d notification_follower_found_probe_ms=%d "
                                + "processors=%d%n", (up - down) / 1_000_000, acked.size(), ackedBefore,
                        failures.size(), kinds.stream().distinct().toList(), resumed / 1_000_000,
                        probeLag / 1_000_000, Runtime.getRuntime().availableProcessors());
            } finally {
                for (Node n : List.of(a, b, c)) {
                    n.kb().close();
                }
            }
        }
    }

    /** Advisory locks granted in the database (the scheduler lease is the only one). */
    private static int advisoryLocks(TestPostgres db) {
        try (Connection conn = db.connect(); Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            return -1;
        }
    }
}
