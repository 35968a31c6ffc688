package dev.savoir.kb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchResponse;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two nodes in two JVMs on one database (this one and a {@link TwoNodeChild}), each with its own index, both
 * writing at once and both searching: once each has followed the other's writes, their searches give the same
 * totals and the same hits in the same order. And a node killed with {@code kill -9} while it holds the scheduler lease loses it
 * to the other.
 */
@Timeout(240)
class TwoProcessNodesIT {
    private static final Logger LOG = LoggerFactory.getLogger(TwoProcessNodesIT.class);
    private static final int COUNT = 80;
    static final List<String> QUERIES = List.of("how to", "invoice", "password", "refund export", "settings steps",
        "billing account");

    @TempDir
    Path indexA;
    @TempDir
    Path indexB;

    /** Publishes {@code count} articles, taking down one in ten. */
    static void write(KnowledgeBase kb, String side, int count) {
        for (int i = 0; i < count; i++) {
            ArticleId id = FollowerTest.publish(kb, side + "-" + i, "two" + side + i);
            if (i % 10 == 3) {
                kb.unpublish(FollowerTest.EDITOR, id, FollowerTest.EN);
            }
        }
    }

    static long expectedVisible(int count) {
        return count - (count + 6) / 10;
    }

    /**
     * What a node's search answers, one line per query: its total and the ids of its first page of hits (up to 100)
     * in their order. Two nodes must print the same lines: the same hits in the same order, ties broken by article
     * id, whatever order each node indexed them in.
     */
    static String answers(KnowledgeBase kb) {
        List<String> lines = new ArrayList<>();
        for (String q : QUERIES) {
            SearchResponse r = kb.search(FollowerTest.PUBLIC, SearchRequest.builder(q).limit(100).build());
            String found = r.hits().stream().map(SearchHit::articleId).map(ArticleId::value)
                    .collect(Collectors.joining(","));
            lines.add("ANSWER " + q + " = " + r.totalHits() + " " + found);
        }
        return String.join("\n", lines);
    }

    private static Process child(TestPostgres pg, String... args) throws java.io.IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dsavoir.test.postgres.url=" + pg.url(), "-Dsavoir.test.postgres.user=" + pg.user(),
                "-Dsavoir.test.postgres.password=" + pg.password(), TwoNodeChild.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    @Test
    void killedNode_losesTheSchedulerLease_andTheOtherTakesItOver() throws Exception {
        String schema = TestPostgres.newSchema();
        TestPostgres pg = TestPostgres.get();
        try (HikariDataSource ds = pg.dataSource(4);
             PostgresStores stores = PostgresStores.builder().dataSource(ds).schema(schema).open()) {
            Process holder = child(pg, "lease", schema);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8))) {
                assertThat(out.readLine()).as("the other JVM took the lease").isEqualTo("HELD");
                assertThat(stores.schedulerLease().tryAcquire(Duration.ofMinutes(1))).as("held elsewhere").isFalse();
                holder.destroyForcibly(); // SIGKILL: no shutdown hook, no unlock
                long killed = System.nanoTime();
                assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
                boolean taken = false;
                while (!taken && System.nanoTime() - killed < TimeUnit.SECONDS.toNanos(10)) {
                    taken = stores.schedulerLease().tryAcquire(Duration.ofMinutes(1));
                    if (!taken) {
                        Thread.sleep(20);
                    }
                }
                LOG.info("Scheduler lease taken over {} ms after kill -9 of its holder",
                        (System.nanoTime() - killed) / 1_000_000);
                assertThat(taken).as("taken over within 10 s of the kill").isTrue();
            } finally {
                holder.destroyForcibly();
                stores.schedulerLease().release();
            }
        }
    }

    @Test
    void twoJvms_bothWritingAndSearching_convergeToTheSameResults() throws Exception {
        String schema = TestPostgres.newSchema();
        TestPostgres pg = TestPostgres.get();
        try (HikariDataSource ds = pg.dataSource(6);
             KnowledgeBase a = FollowerTest.node(ds, schema, indexA, Duration.ofSeconds(1))) {
            Process child = child(pg, schema, indexB.toString(), "b", Integer.toString(COUNT));
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                assertThat(out.readLine()).as("the child node opened").isEqualTo("READY");
                write(a, "a", COUNT);
                List<String> childAnswers = new ArrayList<>();
                for (String line = out.readLine(); line != null && !line.equals("DONE"); line = out.readLine()) {
                    if (line.startsWith("ANSWER ")) {
                        childAnswers.add(line);
                    }
                }
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child node exits").isTrue();
                assertThat(child.exitValue()).isZero();
                a.refresh();
                List<String> ours = List.of(answers(a).split("\n"));
                assertThat(childAnswers).as("the other JVM's answers").isEqualTo(ours);
                assertThat(ours).anySatisfy(l -> assertThat(l).startsWith("ANSWER settings steps = "
                        + expectedVisible(COUNT) * 2 + " "));
            } finally {
                child.destroyForcibly();
            }
        }
    }
}
