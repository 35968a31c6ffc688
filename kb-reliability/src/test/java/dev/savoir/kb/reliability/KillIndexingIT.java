package dev.savoir.kb.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Translation;
import dev.savoir.kb.TranslationState;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills (SIGKILL) a child JVM that writes, publishes, archives and imports through a knowledge base with the Lucene
 * engine, at a random moment of each round, then checks in this JVM that the store opens, holds every acknowledged
 * write, and that the index has caught up to match the store exactly: every live published revision is findable by
 * the token unique to its title (by the viewers allowed to see it, and only by them), no draft or archived revision
 * is, and the number of hits for a word in every body equals the number of live articles.
 *
 * <p>Default run {@value #DEFAULT_ROUNDS} rounds; {@code -Dsavoir.full=true} runs {@value #FULL_ROUNDS}. The rounds
 * share one directory, restarted every {@value #ROUNDS_PER_DIRECTORY} rounds so that verification stays linear.
 */
class KillIndexingIT {
    static final int DEFAULT_ROUNDS = 6;
    static final int FULL_ROUNDS = 100;
    static final int ROUNDS_PER_DIRECTORY = 10;
    private static final ViewerContext CUSTOMER = ViewerContext.external(Locale.ENGLISH);
    private static final ViewerContext AGENT = ViewerContext.internal(Locale.ENGLISH);

    @TempDir
    Path tmp;

    /** What the child acknowledged for one article. */
    private static final class Acked {
        int latest;
        int published;
        boolean archived;
        /** Whether the child created it public (imports are public); null if it was created in an earlier run. */
        Boolean isPublic;
    }

    /** The exit value of a process killed by SIGKILL (128 + 9), as {@link Process#exitValue()} reports it. */
    private static final int SIGKILL_EXIT = 137;

    @Test
    void killMinus9_whileWritingPublishingImportingAndIndexing_losesNothingAndIndexCatchesUp() throws Exception {
        int rounds = Boolean.getBoolean("savoir.full") ? FULL_ROUNDS : DEFAULT_ROUNDS;
        long seed = Long.getLong("savoir.seed", System.nanoTime());
        Random random = new Random(seed);
        long started = System.nanoTime();
        long totalAcks = 0;
        long checkedArticles = 0;
        long checkedSearches = 0;
        int catchUps = 0;
        int rebuilds = 0;
        long minRoundAcks = Long.MAX_VALUE;
        long ackedFoundBySearch = 0;
        Path dir = null;
        Map<String, Acked> model = new HashMap<>();
        for (int round = 0; round < rounds; round++) {
            if (round % ROUNDS_PER_DIRECTORY == 0) {
                dir = tmp.resolve("kb-" + round);
                model.clear();
            }
            String context = "round " + round + " (seed " + seed + ")";
            Path stderr = tmp.resolve("child-" + round + ".err");
            Process p = child(dir, Integer.toString(round), random.nextLong(), stderr);
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the child was killed
                }
            });
            // The child opened and acknowledged at least one write before the kill is even scheduled.
            waitFor(() -> lines.size() >= 2 || !p.isAlive(), 90);
            assertThat(lines).as("the child of %s opened the knowledge base and acknowledged a write (stderr: %s)",
                    context, tail(stderr)).hasSizeGreaterThanOrEqualTo(2).first().isEqualTo("OPEN");
            Thread.sleep(100 + random.nextInt(1500));
            // Right before the kill: the child is still alive and still acknowledging writes since the last look,
            // so the kill lands in the middle of work, not on a stalled or dead process.
            int seen = lines.size();
            waitFor(() -> lines.size() > seen || !p.isAlive(), 10);
            assertThat(lines.size()).as("%s: the child acknowledged writes after the last check (stderr: %s)",
                    context, tail(stderr)).isGreaterThan(seen);
            assertThat(p.isAlive()).as("%s: the child is alive right before kill -9 (stderr: %s)", context,
                    tail(stderr)).isTrue();
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("%s: the child died of SIGKILL, not of its own accord", context)
                    .isEqualTo(SIGKILL_EXIT);
            reader.join(10_000);
            long roundAcks = lines.stream().filter(l -> !l.equals("OPEN")).count();
            assertThat(roundAcks).as("%s: acknowledged writes in this round", context).isPositive();
            minRoundAcks = Math.min(minRoundAcks, roundAcks);
            for (String line : lines) {
                if (line.equals("OPEN")) {
                    continue;
                }
                totalAcks++;
                String[] f = line.split(" ");
                Acked a = model.computeIfAbsent(f[1], x -> new Acked());
                switch (f[0]) {
                    case "C" -> {
                        a.latest = Math.max(a.latest, 1);
                        a.isPublic = f[3].equals("PUBLIC");
                    }
                    case "B" -> {
                        a.latest = Math.max(a.latest, 1);
                        a.isPublic = true;
                    }
                    case "E" -> a.latest = Math.max(a.latest, Integer.parseInt(f[2]));
                    case "P" -> a.published = Math.max(a.published, Integer.parseInt(f[2]));
                    case "A" -> a.archived = true;
                    default -> throw new AssertionError("unknown line " + line);
                }
            }
            int[] counts = verify(dir, model, context);
            checkedArticles += counts[0];
            checkedSearches += counts[1];
            catchUps += counts[2] == 1 ? 1 : 0;
            rebuilds += counts[2] == 2 ? 1 : 0;
            ackedFoundBySearch += counts[3];
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("KILL-INDEX rounds=%d acknowledged_writes=%d min_acknowledged_per_round=%d "
                        + "acknowledged_article_search_checks=%d articles_checked=%d searches=%d "
                        + "opens_index_caught_up=%d opens_index_rebuilt=%d seconds=%.1f seed=%d%n", rounds, totalAcks,
                minRoundAcks, ackedFoundBySearch, checkedArticles, checkedSearches, catchUps, rebuilds, seconds,
                seed);
        assertThat(minRoundAcks).as("every round acknowledged writes").isPositive();
        assertThat(ackedFoundBySearch).as("acknowledged articles found by search").isGreaterThanOrEqualTo(rounds);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, int seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
    }

    /** The end of the child's stderr, for failure messages. */
    private static String tail(Path stderr) {
        try {
            String s = Files.exists(stderr) ? Files.readString(stderr) : "";
            return s.length() > 2_000 ? "..." + s.substring(s.length() - 2_000) : s;
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static Process child(Path dir, String round, long seed, Path stderr) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = List.of(java, "-Xmx256m", "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                IndexingKillChild.class.getName(), dir.toString(), round, Long.toString(seed));
        return new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
    }

    /**
     * Returns {articles checked, searches run, 1 if the index had committed less than the store (caught up on open),
     * 2 if it had no readable commit (rebuilt on open), else 0, acknowledged articles found by search}.
     */
    private static int[] verify(Path dir, Map<String, Acked> model, String context) throws IOException {
        long indexApplied = appliedSequenceHint(dir);
        int searches = 0;
        try (KnowledgeBase kb = IndexingKillChild.open(dir)) {
            kb.refresh();
            // 1. Every acknowledged write is in the store.
            for (Map.Entry<String, Acked> e : model.entrySet()) {
                String id = e.getKey();
                Acked acked = e.getValue();
                Article a = kb.article(IndexingKillChild.WRITER, ArticleId.of(id));
                Translation t = a.source();
                assertThat(t.latestRevision()).as("%s: %s latest revision", context, id)
                        .isGreaterThanOrEqualTo(acked.latest);
                for (int rev = 1; rev <= acked.latest; rev++) {
                    Revision r = kb.revision(IndexingKillChild.WRITER, a.id(), Locale.ENGLISH, rev);
                    assertThat(r.content().title()).isEqualTo(IndexingKillChild.title(id, rev));
                    assertThat(r.content().body()).isEqualTo(IndexingKillChild.body(id, rev));
                }
                if (acked.archived) {
                    assertThat(t.state()).as("%s: %s archived", context, id).isEqualTo(TranslationState.ARCHIVED);
                } else if (acked.published > 0 && t.state() != TranslationState.ARCHIVED) {
                    // (An archive the child did not live to acknowledge may have landed after the publish.)
                    assertThat(t.publishedRevision()).as("%s: %s published revision (%s)", context, id, t)
                            .isNotNull().isGreaterThanOrEqualTo(acked.published);
                }
            }
            // 2. Every acknowledged write is found by search for a viewer allowed to see it: its latest revision by
            //    an editor searching drafts, its live published revision by agents and, when public, customers.
            int ackedFound = 0;
            for (Map.Entry<String, Acked> e : model.entrySet()) {
                String id = e.getKey();
                Acked acked = e.getValue();
                Article a = kb.article(IndexingKillChild.WRITER, ArticleId.of(id));
                Translation t = a.source();
                if (acked.isPublic != null) {
                    assertThat(a.visibility()).as("%s: %s acknowledged visibility", context, id)
                            .isEqualTo(acked.isPublic ? Visibility.PUBLIC : Visibility.INTERNAL);
                }
                if (t.state() == TranslationState.ARCHIVED) {
                    continue; // checked below: found by nobody
                }
                String latest = IndexingKillChild.token(id, t.latestRevision());
                assertThat(draftHitIds(kb, latest)).as("%s: acknowledged %s (revision %d) found by editors searching"
                        + " drafts", context, id, t.latestRevision()).contains(id);
                searches++;
                if (acked.published > 0) {
                    String token = IndexingKillChild.token(id, t.publishedRevision());
                    assertThat(hitIds(kb, AGENT, token)).as("%s: acknowledged publish of %s (revision %d) found by"
                            + " agents", context, id, t.publishedRevision()).contains(id);
                    searches++;
                    if (a.visibility().equals(Visibility.PUBLIC)) {
                        assertThat(hitIds(kb, CUSTOMER, token)).as("%s: acknowledged public publish of %s found by"
                                + " customers", context, id).contains(id);
                        searches++;
                    }
                }
                ackedFound++;
            }
            // 3. The index matches the store exactly, article by article.
            int liveForCustomers = 0;
            int liveForAgents = 0;
            List<ArticleId> ids = kb.articleIds();
            assertThat(ids.size()).as("%s: articles in the store", context).isGreaterThanOrEqualTo(model.size());
            for (ArticleId id : ids) {
                Article a = kb.article(IndexingKillChild.WRITER, id);
                Translation t = a.source();
                boolean live = t.isLive();
                boolean isPublic = a.visibility().equals(Visibility.PUBLIC);
                if (live) {
                    liveForAgents++;
                    liveForCustomers += isPublic ? 1 : 0;
                    String token = IndexingKillChild.token(id.value(), t.publishedRevision());
                    assertThat(hitIds(kb, AGENT, token)).as("%s: %s published token for agents", context, id)
                            .contains(id.value());
                    assertThat(hitIds(kb, CUSTOMER, token).contains(id.value()))
                            .as("%s: %s (%s) found by customers", context, id, a.visibility()).isEqualTo(isPublic);
                    assertThat(kb.read(isPublic ? CUSTOMER : AGENT, id)).as("%s: read %s", context, id)
                            .hasValueSatisfying(v -> assertThat(v.revision()).isEqualTo(t.publishedRevision()));
                    searches += 2;
                } else {
                    assertThat(kb.read(AGENT, id)).as("%s: %s not live, not readable", context, id).isEmpty();
                }
                int from = t.publishedRevision() == null ? 1 : t.publishedRevision() + 1;
                if (!live) {
                    from = 1;
                }
                for (int rev = from; rev <= t.latestRevision(); rev++) {
                    if (t.publishedRevision() != null && live && rev == t.publishedRevision()) {
                        continue;
                    }
                    String token = IndexingKillChild.token(id.value(), rev);
                    assertThat(hitIds(kb, AGENT, token)).as("%s: %s draft/archived revision %d is invisible (%s)",
                            context, id, rev, t).doesNotContain(id.value());
                    searches++;
                }
            }
            // 4. Counts match.
            assertThat(kb.search(CUSTOMER, SearchRequest.of(IndexingKillChild.COMMON)).totalHits())
                    .as("%s: hits for customers", context).isEqualTo(liveForCustomers);
            assertThat(kb.search(AGENT, SearchRequest.of(IndexingKillChild.COMMON)).totalHits())
                    .as("%s: hits for agents", context).isEqualTo(liveForAgents);
            searches += 2;
            int behind = indexApplied < 0 ? 2 : indexApplied < kb.lastChange() ? 1 : 0;
            return new int[] {ids.size(), searches, behind, ackedFound};
        }
    }

    private static List<String> draftHitIds(KnowledgeBase kb, String query) {
        return kb.search(AGENT, SearchRequest.builder(query).includeDrafts(true).limit(20).build()).hits().stream()
                .map(SearchHit::articleId).map(ArticleId::value).toList();
    }

    private static List<String> hitIds(KnowledgeBase kb, ViewerContext viewer, String query) {
        return kb.search(viewer, SearchRequest.builder(query).limit(20).build()).hits().stream()
                .map(SearchHit::articleId).map(ArticleId::value).toList();
    }

    /**
     * The store sequence the index had committed when the child died (its Lucene commit data, as kb-lucene writes
     * it), or -1 when there is no readable commit: compared with the store's last change to count the opens where
     * the index had to catch up.
     */
    private static long appliedSequenceHint(Path dir) {
        Path index = dir.resolve("index");
        if (!Files.isDirectory(index)) {
            return -1;
        }
        try (org.apache.lucene.store.Directory d = org.apache.lucene.store.FSDirectory.open(index)) {
            String seq = org.apache.lucene.index.SegmentInfos.readLatestCommit(d).getUserData()
                    .get("savoir.sequence");
            return seq == null ? -1 : Long.parseLong(seq);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
