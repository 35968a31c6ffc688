package dev.savoir.kb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Translation;
import dev.savoir.kb.TranslationState;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.jdbc.internal.PgSchedulerLease;
import dev.savoir.kb.search.SearchRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one database: a child JVM ({@link NodeKillChild}) that holds the scheduler lease and writes as fast as
 * it can, killed with {@code kill -9} at a random moment of each round, and this JVM's node, which survives. After
 * each kill: every write the child acknowledged is in the store and searchable on the surviving node (which only
 * followed the feed), the surviving node's index matches the store exactly, and the surviving node's own scheduler
 * has taken the lease over (the time from the kill is measured) and runs scheduled transitions. The killed node's
 * index folder is reused by the next round's child, which catches up from its last applied change.
 *
 * <p>Default run {@value #DEFAULT_ROUNDS} rounds; {@code -Dsavoir.full=true} runs {@value #FULL_ROUNDS}.
 */
@Timeout(900)
class NodeKillIT {
    static final int DEFAULT_ROUNDS = 2;
    static final int FULL_ROUNDS = 20;
    /** The surviving node's scheduler interval: the takeover bound is about one of them. */
    static final Duration SCHEDULER_INTERVAL = Duration.ofSeconds(1);
    /** The exit value of a process killed by SIGKILL (128 + 9). */
    private static final int SIGKILL_EXIT = 137;

    @TempDir
    Path tmp;

    /** What the child acknowledged for one article. */
    private static final class Acked {
        int latest;
        int published;
        boolean archived;
    }

    @Test
    void killMinus9_ofAWritingNode_losesNoAcknowledgedWrite_andItsLeaseMovesToTheOtherNode() throws Exception {
        int rounds = Boolean.getBoolean("savoir.full") ? FULL_ROUNDS : DEFAULT_ROUNDS;
        long seed = Long.getLong("savoir.seed", System.nanoTime());
        Random random = new Random(seed);
        String schema = TestPostgres.newSchema();
        TestPostgres pg = TestPostgres.get();
        Map<String, Acked> model = new HashMap<>();
        long[] takeovers = new long[rounds];
        long acks = 0;
        try (HikariDataSource ds = pg.dataSource(8)) {
            for (int round = 0; round < rounds; round++) {
                String context = "round " + round + " (seed " + seed + ")";
                Path stderr = tmp.resolve("child-" + round + ".err");
                long started = System.nanoTime();
                Process child = child(pg, schema, tmp.resolve("index-b"), round, random.nextLong(), stderr);
                List<String> lines = new CopyOnWriteArrayList<>();
                Thread reader = Thread.ofPlatform().daemon().start(() -> {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                            StandardCharsets.UTF_8))) {
                        for (String line; (line = r.readLine()) != null; ) {
                            lines.add(line);
                        }
                    } catch (IOException ignored) {
                        // killed
                    }
                });
                try {
                    waitFor(() -> !lines.isEmpty() || !child.isAlive(), 90);
                    assertThat(lines).as("%s: the child took the scheduler lease (stderr: %s)", context,
                            tail(stderr)).first().isEqualTo("LEASE");
                    PostgresStores stores = PostgresStores.builder().dataSource(ds).schema(schema).open();
                    try (KnowledgeBase a = NodeKillChild.open(stores, tmp.resolve("index-a"), SCHEDULER_INTERVAL)) {
                        PgSchedulerLease lease = (PgSchedulerLease) stores.schedulerLease();
                        // at least one acknowledged publish before the kill (the child's random mix may begin with drafts and a
                        // batch import of up to 45 lines, which once made a round with nothing published to verify)
                        waitFor(() -> (lines.size() >= 3 && lines.stream().anyMatch(l -> l.startsWith("P ")))
                                || !child.isAlive(), 60);
                        Thread.sleep(200 + random.nextInt(1300));
                        assertThat(lease.held()).as("%s: the child holds the lease, not this node", context)
                                .isFalse();
                        int seen = lines.size();
                        waitFor(() -> lines.size() > seen || !child.isAlive(), 10);
                        assertThat(child.isAlive()).as("%s: alive right before the kill (stderr: %s)", context,
                                tail(stderr)).isTrue();
                        assertThat(lines.size()).as("%s: still acknowledging writes", context).isGreaterThan(seen);
                        child.destroyForcibly();
                        long takeover = FollowerTest.waitUntil(lease::held, Duration.ofSeconds(10));
                        assertThat(takeover).as("%s: this node's scheduler took the lease within 10 s of the kill",
                                context).isNotNegative();
                        takeovers[round] = takeover;
                        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                        assertThat(child.exitValue()).as("%s: died of SIGKILL", context).isEqualTo(SIGKILL_EXIT);
                        reader.join(10_000);
                        acks += record(lines, model);
                        System.out.printf("NODE-KILL round %d: %d lines, child alive for %d ms%n", round, lines.size(),
                                (System.nanoTime() - started) / 1_000_000);
                        List<String> published = lines.stream().filter(l -> l.startsWith("P "))
                                .map(l -> l.split(" ")[1]).toList();
                        assertThat(published).as("%s: publishes acknowledged", context).isNotEmpty();
                        verify(a, model, published, "n" + round + "-", context);
                        System.out.printf("NODE-KILL round %d: verified %d ms after the start%n", round,
                                (System.nanoTime() - started) / 1_000_000);
                        assertScheduledTransitionsRunHere(a, round, context);
                    }
                } finally {
                    child.destroyForcibly();
                }
            }
        }
        long[] ms = Arrays.stream(takeovers).map(t -> t / 1_000_000).sorted().toArray();
        System.out.printf("NODE-KILL rounds=%d acknowledged_writes=%d articles=%d lease_takeover_ms_max=%d "
                        + "lease_takeover_ms_all=%s scheduler_interval_ms=%d processors=%d seed=%d%n", rounds, acks,
                model.size(), ms[ms.length - 1], Arrays.toString(ms), SCHEDULER_INTERVAL.toMillis(),
                Runtime.getRuntime().availableProcessors(), seed);
        assertThat(acks).as("acknowledged writes").isGreaterThanOrEqualTo(rounds);
    }

    private static long record(List<String> lines, Map<String, Acked> model) {
        long acks = 0;
        for (String line : lines) {
            if (line.equals("LEASE")) {
                continue;
            }
            acks++;
            String[] f = line.split(" ");
            Acked a = model.computeIfAbsent(f[1], x -> new Acked());
            switch (f[0]) {
                case "C", "B" -> a.latest = Math.max(a.latest, 1);
                case "E" -> a.latest = Math.max(a.latest, Integer.parseInt(f[2]));
                case "P" -> a.published = Math.max(a.published, Integer.parseInt(f[2]));
                case "A" -> a.archived = true;
                default -> throw new AssertionError("unknown line " + line);
            }
        }
        return acks;
    }

    /**
     * Every acknowledged write is in the store, and this node, which only followed the feed, found the last one by
     * itself; this node's index matches the store: each article of the round found by its published revision's
     * token and not by its unpublished latest revision's, and the hits of the common word equal the live articles.
     */
    private static void verify(KnowledgeBase a, Map<String, Acked> model, List<String> lastPublished,
                               String roundPrefix, String context) throws InterruptedException {
        // Followed by itself (a notification, or the poll), before any refresh.
        String last = lastPublished.get(lastPublished.size() - 1);
        Acked lastAcked = model.get(last);
        if (!lastAcked.archived) {
            String token = NodeKillChild.token(last, lastAcked.published);
            assertThat(FollowerTest.waitUntil(() -> FollowerTest.ids(a, token).contains(last),
                    Duration.ofSeconds(10))).as("%s: the killed node's last acknowledged publish (%s) found here "
                    + "without refresh", context, last).isNotNegative();
        }
        a.refresh();
        for (Map.Entry<String, Acked> e : model.entrySet()) {
            String id = e.getKey();
            Acked acked = e.getValue();
            Translation t = a.article(FollowerTest.EDITOR, ArticleId.of(id)).source();
            assertThat(t.latestRevision()).as("%s: %s latest revision", context, id)
                    .isGreaterThanOrEqualTo(acked.latest);
            ArticleContent stored = a.revision(FollowerTest.EDITOR, ArticleId.of(id), FollowerTest.EN, acked.latest)
                    .content();
            assertThat(stored.title()).isEqualTo(NodeKillChild.content(id, acked.latest).title());
            assertThat(stored.body()).isEqualTo(NodeKillChild.content(id, acked.latest).body());
            if (acked.archived) {
                assertThat(t.state()).as("%s: %s archived", context, id).isEqualTo(TranslationState.ARCHIVED);
            } else if (acked.published > 0 && t.state() != TranslationState.ARCHIVED) {
                assertThat(t.publishedRevision()).as("%s: %s published", context, id).isNotNull()
                        .isGreaterThanOrEqualTo(acked.published);
            }
        }
        // The index of this node against the store: every article the killed node wrote in this round (the
        // acknowledged ones and any it committed without living to say so) by its tokens, all of them by count.
        int live = 0;
        for (ArticleId id : a.articleIds()) {
            if (id.value().startsWith("due-")) {
                continue; // scheduled by this node (assertScheduledTransitionsRunHere), not by the child
            }
            Translation t = a.article(FollowerTest.EDITOR, id).source();
            Integer published = t.isLive() ? t.publishedRevision() : null;
            live += published == null ? 0 : 1;
            if (!id.value().startsWith(roundPrefix)) {
                continue;
            }
            if (published != null) {
                assertThat(FollowerTest.ids(a, NodeKillChild.token(id.value(), published)))
                        .as("%s: live %s found on the surviving node", context, id).contains(id.value());
            }
            if (published == null || t.latestRevision() != published) {
                assertThat(FollowerTest.ids(a, NodeKillChild.token(id.value(), t.latestRevision())))
                        .as("%s: %s revision %d is not live and not found (%s)", context, id, t.latestRevision(), t)
                        .doesNotContain(id.value());
            }
        }
        assertThat(a.search(FollowerTest.PUBLIC, SearchRequest.builder(NodeKillChild.COMMON).limit(1).build())
                .totalHits()).as("%s: hits of the common word = live articles", context).isEqualTo(live);
    }

    /** The new holder's own scheduler publishes what comes due (without any call to processScheduled here). */
    private static void assertScheduledTransitionsRunHere(KnowledgeBase a, int round, String context)
            throws InterruptedException {
        String id = "due-" + round;
        a.create(FollowerTest.EDITOR, NewArticle.builder(id).category("Kill > Node").visibility(Visibility.PUBLIC)
                .title("Due " + round).body("Scheduled.").build());
        a.schedulePublish(FollowerTest.EDITOR, ArticleId.of(id), FollowerTest.EN, 1, Instant.now().plusMillis(300));
        assertThat(FollowerTest.waitUntil(() -> a.article(FollowerTest.EDITOR, ArticleId.of(id)).source().state()
                == TranslationState.PUBLISHED, Duration.ofSeconds(10)))
                .as("%s: the scheduled publish ran on the new lease holder", context).isNotNegative();
    }

    private static Process child(TestPostgres pg, String schema, Path index, int round, long seed, Path stderr)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx384m", "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dsavoir.test.postgres.url=" + pg.url(),
                "-Dsavoir.test.postgres.user=" + pg.user(), "-Dsavoir.test.postgres.password=" + pg.password(),
                NodeKillChild.class.getName(), schema, index.toString(), Integer.toString(round),
                Long.toString(seed)));
        return new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, int seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
    }

    private static String tail(Path stderr) {
        try {
            String s = Files.exists(stderr) ? Files.readString(stderr) : "";
            return s.length() > 2_000 ? "..." + s.substring(s.length() - 2_000) : s;
        } catch (IOException e) {
            return e.toString();
        }
    }
}
