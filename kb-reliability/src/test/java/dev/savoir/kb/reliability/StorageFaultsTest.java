package dev.savoir.kb.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KbException;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Role;
import dev.savoir.kb.StoreCorruptedException;
import dev.savoir.kb.StoreException;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.internal.store.FileArticleStore;
import dev.savoir.kb.lucene.LuceneSearchEngine;
import dev.savoir.kb.markdown.MarkdownRenderer;
import dev.savoir.kb.search.SearchRequest;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged or missing files and a full disk. Each ends in a recovery (the index is rebuilt from the store and matches
 * it exactly) or a typed error that says what to do, never in silently lost acknowledged data or in a store that no
 * longer opens. Default: {@value #DEFAULT_ROUNDS} random damages per kind; {@code -Dsavoir.full=true}:
 * {@value #FULL_ROUNDS}.
 */
class StorageFaultsTest {
    static final int DEFAULT_ROUNDS = 6;
    static final int FULL_ROUNDS = 40;
    private static final int ROUNDS = Boolean.getBoolean("savoir.full") ? FULL_ROUNDS : DEFAULT_ROUNDS;
    private static final Actor ADMIN = Actor.of("fault-admin", Role.ADMIN);
    private static final ViewerContext CUSTOMER = ViewerContext.external(Locale.ENGLISH);
    private static final String COMMON = "faultword";
    private static final int ARTICLES = 40;

    @TempDir
    Path tmp;

    private static KnowledgeBase open(Path dir) {
        return open(dir, n -> { });
    }

    /** Opens with a rebuild-progress callback: it is called only when the index is rebuilt from the store. */
    private static KnowledgeBase open(Path dir, LongConsumer rebuildProgress) {
        return KnowledgeBase.builder().directory(dir).searchEngine(LuceneSearchEngine.factory())
                .renderer(MarkdownRenderer.create()).requireReview(false).schedulerInterval(Duration.ZERO)
                .onRebuildProgress(rebuildProgress).build();
    }

    /** The rebuild ran to its end: progress was reported and its last figure is every article of the store. */
    private static void assertRebuilt(List<Long> progress, int articles, String context) {
        assertThat(progress).as("%s: the index was rebuilt from the store (rebuild progress)", context).isNotEmpty()
                .last().as("%s: the rebuild indexed every article", context).isEqualTo((long) articles);
    }

    private static String token(int i) {
        return "qf" + (char) ('a' + i % 26) + (char) ('a' + i / 26 % 26) + "tok" + (char) ('a' + i * 7 % 26);
    }

    /** A knowledge base with ARTICLES published articles; returns the store log size after each commit. */
    private static List<Long> populate(Path dir) throws IOException {
        List<Long> ends = new ArrayList<>();
        Path log = dir.resolve("store").resolve("changes.log");
        try (KnowledgeBase kb = open(dir)) {
            for (int i = 0; i < ARTICLES; i++) {
                kb.create(ADMIN, NewArticle.builder("f" + i).category("Faults").visibility(Visibility.PUBLIC)
                        .title("Fault " + token(i)).body("The " + COMMON + " body " + i).build());
                ends.add(Files.size(log));
                kb.publish(ADMIN, ArticleId.of("f" + i), Locale.ENGLISH, 1);
                ends.add(Files.size(log));
            }
        }
        return ends;
    }

    /** The index matches the store: every published article found by its token, the count exact. */
    private static void assertIndexMatchesStore(KnowledgeBase kb, String context) {
        kb.refresh();
        int live = 0;
        for (ArticleId id : kb.articleIds()) {
            boolean isLive = kb.article(ADMIN, id).source().isLive();
            live += isLive ? 1 : 0;
            int i = Integer.parseInt(id.value().substring(1));
            List<String> hits = kb.search(CUSTOMER, SearchRequest.of(token(i))).hits().stream()
                    .map(h -> h.articleId().value()).toList();
            assertThat(hits.contains(id.value())).as("%s: %s found iff live", context, id).isEqualTo(isLive);
        }
        assertThat(kb.search(CUSTOMER, SearchRequest.of(COMMON)).totalHits()).as("%s: count", context)
                .isEqualTo(live);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else if (!p.getFileName().toString().equals("write.lock")) {
                    Files.copy(p, t);
                }
            }
        }
    }

    // ------------------------------------------------------------------ index damage

    @Test
    void corruptIndexFiles_areDetectedAndRebuiltFromTheStore() throws IOException {
        Path original = tmp.resolve("original");
        populate(original);
        Random rnd = new Random(Long.getLong("savoir.seed", System.nanoTime()));
        int recovered = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Path dir = tmp.resolve("corrupt-" + round);
            copyTree(original, dir);
            List<Path> files;
            try (Stream<Path> s = Files.list(dir.resolve("index"))) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
            Path victim = files.get(rnd.nextInt(files.size()));
            long size = Files.size(victim);
            String what;
            switch (rnd.nextInt(3)) {
                case 0 -> {
                    byte[] b = Files.readAllBytes(victim);
                    int flips = 1 + rnd.nextInt(8);
                    for (int f = 0; f < flips && b.length > 0; f++) {
                        b[rnd.nextInt(b.length)] ^= (byte) (1 + rnd.nextInt(255));
                    }
                    Files.write(victim, b);
                    what = "flipped " + flips + " bytes of";
                }
                case 1 -> {
                    try (FileChannel ch = FileChannel.open(victim, StandardOpenOption.WRITE)) {
                        ch.truncate(size == 0 ? 0 : rnd.nextLong(size));
                    }
                    what = "truncated";
                }
                default -> {
                    Files.delete(victim);
                    what = "deleted";
                }
            }
            String context = "round " + round + ": " + what + " " + victim.getFileName();
            List<Long> progress = new CopyOnWriteArrayList<>();
            try (KnowledgeBase kb = open(dir, progress::add)) {
                assertThat(kb.size()).as(context).isEqualTo(ARTICLES);
                // Not only "search works": the damage was found and the index rebuilt, on open.
                assertRebuilt(progress, ARTICLES, context);
                assertIndexMatchesStore(kb, context);
                recovered++;
            }
        }
        System.out.printf("FAULT corrupt_index rounds=%d rebuilt_and_matching=%d%n", ROUNDS, recovered);
        assertThat(recovered).isEqualTo(ROUNDS);
    }

    @Test
    void missingIndex_isRebuiltFromTheStore() throws IOException {
        Path dir = tmp.resolve("missing");
        populate(dir);
        try (Stream<Path> s = Files.walk(dir.resolve("index"))) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        List<Long> progress = new CopyOnWriteArrayList<>();
        try (KnowledgeBase kb = open(dir, progress::add)) {
            assertThat(kb.size()).isEqualTo(ARTICLES);
            assertRebuilt(progress, ARTICLES, "missing index");
            assertIndexMatchesStore(kb, "missing index");
        }
    }

    // ------------------------------------------------------------------ store damage

    @Test
    void truncatedStoreLog_givesTypedErrorWithAWayOut_neverSilentLoss() throws IOException {
        Path original = tmp.resolve("original");
        List<Long> ends = populate(original);
        long full = Files.size(original.resolve("store").resolve("changes.log"));
        Random rnd = new Random(Long.getLong("savoir.seed", System.nanoTime()));
        int typed = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Path dir = tmp.resolve("cut-" + round);
            copyTree(original, dir);
            Path log = dir.resolve("store").resolve("changes.log");
            long cut = rnd.nextLong(full);
            try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
                ch.truncate(cut);
            }
            String context = "round " + round + ": log cut at byte " + cut + " of " + full;
            // The store was closed cleanly, so its checkpoint proves what was acknowledged: a clear error.
            assertThatThrownBy(() -> open(dir)).as(context).isInstanceOf(StoreCorruptedException.class)
                    .hasMessageContaining("truncated");
            typed++;
            // The way out the message names: delete the checkpoint and open what remains: the commits that ended
            // before the cut, exactly, and an index rebuilt to match.
            Files.delete(dir.resolve("store").resolve("checkpoint.bin"));
            long complete = ends.stream().filter(e -> e <= cut).count();
            List<Long> progress = new CopyOnWriteArrayList<>();
            try (KnowledgeBase kb = open(dir, progress::add)) {
                assertThat(kb.size()).as(context).isEqualTo((int) ((complete + 1) / 2));
                // The index had seen more than the store now holds: it must have been rebuilt, not kept.
                assertRebuilt(progress, kb.size(), context);
                assertIndexMatchesStore(kb, context);
                kb.create(ADMIN, NewArticle.builder("after-cut").category("Faults").title("After").body("b")
                        .build());
            }
            try (KnowledgeBase kb = open(dir)) {
                assertThat(kb.article(ADMIN, ArticleId.of("after-cut"))).as(context + ": writable again").isNotNull();
            }
        }
        System.out.printf("FAULT truncated_store rounds=%d typed_errors=%d reopened_after=%d%n", ROUNDS, typed,
                ROUNDS);
    }

    // ------------------------------------------------------------------ full disk

    @Test
    void fullDisk_refusesWritesTyped_losesNoAcknowledgedWrite_andRecoversWhenSpaceReturns() throws IOException {
        Random rnd = new Random(Long.getLong("savoir.seed", System.nanoTime()));
        int refused = 0;
        int acknowledged = 0;
        int publishesFound = 0;
        for (int round = 0; round < ROUNDS; round++) {
            FullDiskFileSystem fs = new FullDiskFileSystem();
            Path real = tmp.resolve("full-" + round);
            Files.createDirectories(real);
            Path storeDir = fs.wrap(real.resolve("store"));
            List<String> acked = new ArrayList<>();
            List<String> ackedPublishes = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            int refusals = 0;
            FileArticleStore store = FileArticleStore.open(storeDir, null);
            // The store is on the filling disk; the index (and analytics) on the real one.
            try (KnowledgeBase kb = KnowledgeBase.builder().store(store).directory(real.resolve("kb"))
                    .searchEngine(LuceneSearchEngine.factory()).requireReview(false)
                    .schedulerInterval(Duration.ZERO).build()) {
                fs.setFreeBytes(5_000 + rnd.nextInt(60_000));
                for (int i = 0; refusals < 15; i++) {
                    String id = "d" + i;
                    int size = kb.size();
                    long last = kb.lastChange();
                    List<String> attempted = new ArrayList<>(List.of(id));
                    try {
                        if (i % 5 == 4) {
                            List<NewArticle> batch = new ArrayList<>();
                            attempted.clear();
                            for (int b = 0; b < 5; b++) {
                                batch.add(article(id + "-" + b, rnd));
                                attempted.add(id + "-" + b);
                            }
                            kb.createAll(ADMIN, batch);
                            batch.forEach(a -> acked.add(a.id().value()));
                        } else {
                            kb.create(ADMIN, article(id, rnd));
                            kb.publish(ADMIN, ArticleId.of(id), Locale.ENGLISH, 1);
                            acked.add(id);
                            ackedPublishes.add(id);
                        }
                    } catch (KbException e) {
                        refusals++;
                        assertThat(e).isInstanceOf(StoreException.class).hasMessageContaining("No space left");
                        if (kb.size() == size) {
                            assertThat(kb.lastChange()).as("nothing written on failure").isEqualTo(last);
                            failed.addAll(attempted);
                        } else {
                            acked.add(id); // created, then its publish was refused: the draft is acknowledged
                            failed.add(id + "-publish");
                        }
                    }
                }
                for (String id : acked) {
                    assertThat(kb.article(ADMIN, ArticleId.of(id))).as("acknowledged %s readable", id).isNotNull();
                }
                // Space comes back: writes work again without a restart.
                fs.setFreeBytes(Long.MAX_VALUE);
                kb.create(ADMIN, article("after-space", rnd));
                kb.publish(ADMIN, ArticleId.of("after-space"), Locale.ENGLISH, 1);
                acked.add("after-space");
                ackedPublishes.add("after-space");
                // The disk fills again before close: the checkpoint cannot be written, close must still work.
                fs.setFreeBytes(0);
            }
            refused += refusals;
            acknowledged += acked.size();
            // Reopened on the real disk: every acknowledged write, nothing refused, an index that matches.
            try (KnowledgeBase kb = KnowledgeBase.builder().store(FileArticleStore.open(real.resolve("store"), null))
                    .directory(real.resolve("kb")).searchEngine(LuceneSearchEngine.factory())
                    .schedulerInterval(Duration.ZERO).build()) {
                for (String id : acked) {
                    assertThat(kb.article(ADMIN, ArticleId.of(id))).as("round %d: %s survived", round, id)
                            .isNotNull();
                }
                for (String id : failed) {
                    if (!id.endsWith("-publish")) {
                        assertThat(kb.articleIds()).as("round %d: refused %s absent", round, id)
                                .doesNotContain(ArticleId.of(id));
                    }
                }
                assertThat(kb.size()).isEqualTo(acked.size());
                kb.refresh();
                // Every acknowledged publish is live in the store and found by a customer (its visibility is
                // public) through the token unique to its title.
                for (String id : ackedPublishes) {
                    assertThat(kb.article(ADMIN, ArticleId.of(id)).source().publishedRevision())
                            .as("round %d: acknowledged publish of %s in the store", round, id).isEqualTo(1);
                    List<String> hits = kb.search(CUSTOMER, SearchRequest.builder(diskToken(id)).limit(20).build())
                            .hits().stream().map(h -> h.articleId().value()).toList();
                    assertThat(hits).as("round %d: acknowledged publish of %s found by customers", round, id)
                            .contains(id);
                    publishesFound++;
                }
                long live = kb.articleIds().stream().filter(id -> kb.article(ADMIN, id).source().isLive()).count();
                assertThat(kb.search(CUSTOMER, SearchRequest.of(COMMON)).totalHits()).isEqualTo(live);
            }
        }
        System.out.printf("FAULT full_disk rounds=%d refused_writes=%d acknowledged=%d acknowledged_publishes_found=%d"
                + " lost=0%n", ROUNDS, refused, acknowledged, publishesFound);
        assertThat(publishesFound).as("acknowledged publishes checked").isGreaterThanOrEqualTo(ROUNDS);
    }

    /** A word unique to one article's title (letters only, far from the others' in spelling). */
    private static String diskToken(String id) {
        return IndexingKillChild.token(id, 1);
    }

    private static NewArticle article(String id, Random rnd) {
        return NewArticle.builder(id).category("Faults > Disk").visibility(Visibility.PUBLIC)
                .title("Disk " + id + " " + diskToken(id))
                .body("The " + COMMON + " body. " + "x".repeat(rnd.nextInt(2_000))).build();
    }
}
