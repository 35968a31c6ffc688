package dev.savoir.kb.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.search.SearchRequest;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The second node of {@link TwoProcessNodesIT}, in a JVM of its own: opens a knowledge base on the parent's database
 * (the {@code savoir.test.postgres.*} properties) with its own index folder, publishes its share of the articles
 * while the parent publishes the other, waits until it finds every published article of both, then prints what its
 * search answers ({@link TwoProcessNodesIT#answers}) and exits.
 *
 * <p>Arguments: schema, index folder, its side's prefix, how many articles each side writes; or {@code lease} and a
 * schema, to take that schema's scheduler lease and hold it until killed.
 */
public final class TwoNodeChild {
    private TwoNodeChild() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("lease")) {
            holdLease(args[1]);
            return;
        }
        String schema = args[0];
        Path index = Path.of(args[1]);
        String side = args[2];
        int count = Integer.parseInt(args[3]);
        try (HikariDataSource ds = TestPostgres.get().dataSource(6);
             KnowledgeBase kb = FollowerTest.node(ds, schema, index, Duration.ofSeconds(1))) {
            System.out.println("READY");
            TwoProcessNodesIT.write(kb, side, count);
            long expected = TwoProcessNodesIT.expectedVisible(count) * 2;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (total(kb) != expected && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            kb.refresh();
            System.out.println(TwoProcessNodesIT.answers(kb));
            System.out.println("DONE");
        }
    }

    /** Takes the schema's scheduler lease, says so, and holds it until killed. */
    private static void holdLease(String schema) throws InterruptedException {
        try (HikariDataSource ds = TestPostgres.get().dataSource(3);
             PostgresStores stores = PostgresStores.builder().dataSource(ds).schema(schema).open()) {
            System.out.println(stores.schedulerLease().tryAcquire(Duration.ofMinutes(1)) ? "HELD" : "REFUSED");
            Thread.sleep(Duration.ofMinutes(5));
        }
    }

    private static long total(KnowledgeBase kb) {
        return kb.search(FollowerTest.PUBLIC, SearchRequest.builder("settings steps").limit(1).build()).totalHits();
    }

    static ArticleId id(String side, int i) {
        return ArticleId.of(side + "-" + i);
    }
}
