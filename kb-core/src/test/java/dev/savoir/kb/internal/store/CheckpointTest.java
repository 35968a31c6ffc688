package dev.savoir.kb.internal.store;

import static dev.savoir.kb.spi.tck.StoreFixtures.create;
import static dev.savoir.kb.spi.tck.StoreFixtures.edit;
import static dev.savoir.kb.spi.tck.StoreFixtures.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleType;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.StoreCorruptedException;
import dev.savoir.kb.Translation;
import dev.savoir.kb.TranslationState;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.spi.StoreCommit;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The binary checkpoint: what it restores equals a replay of the log, and a bad one is never trusted. */
class CheckpointTest {
    private static final Locale EN = Locale.ENGLISH;
    private static final Locale FR = Locale.FRENCH;
    private static final Locale ZH = Locale.forLanguageTag("zh-Hant-TW");

    @TempDir
    Path dir;

    /** Enough articles for several chunks, and one with every optional field set. */
    private void populate() {
        try (FileArticleStore store = FileArticleStore.open(dir, null)) {
            List<StoreCommit> batch = new ArrayList<>();
            for (int i = 0; i < Checkpoint.CHUNK * 2 + 17; i++) {
                batch.add(create("a" + i, i % 3 == 0 ? FR : EN, "Title " + i));
            }
            store.commitAll(batch);
            for (int i = 0; i < 50; i++) {
                store.commit(edit(store.article(ArticleId.of("a" + i)).orElseThrow(), ZH, "translated " + i));
            }
            store.commit(rich(store.article(ArticleId.of("a1")).orElseThrow()));
        }
    }

    /** The next version of {@code current} with every optional field of the article and its translations set. */
    private static StoreCommit rich(Article current) {
        Instant at = Instant.parse("2026-03-04T05:06:07.123456789Z");
        Translation en = current.translations().get(EN);
        Translation enNext = new Translation(EN, TranslationState.SCHEDULED, en.latestRevision() + 1, 1, null,
                at.plusSeconds(60), at.plusSeconds(3600), "bob", at, at);
        Translation fr = new Translation(FR, TranslationState.PUBLISHED, 1, 1, 2, null, null, "carol",
                at.plusNanos(1), at.plusNanos(1));
        Article a = new Article(current.id(), current.version() + 1, CategoryPath.of("Support", "Réseau"),
                ArticleType.of("runbook"), "team-é", Set.of("x", "y", "zz"), Map.of("product", "crm", "tier", "gold"),
                Visibility.segments("partners", "vip"), EN, Duration.ofDays(30).plusNanos(5), at, "dave",
                at.plus(Duration.ofDays(30)), current.createdAt(), at,
                Map.of(EN, enNext, FR, fr, ZH, current.translations().get(ZH)));
        return new StoreCommit(a, current.version(),
                List.of(revision(a.id(), EN, enNext.latestRevision(), "scheduled"), revision(a.id(), FR, 1, "fr")),
                List.of());
    }

    private Map<ArticleId, StoreEntry> openAndSnapshot() {
        try (FileArticleStore store = FileArticleStore.open(dir, null)) {
            return store.entrySnapshot();
        }
    }

    private Path checkpoint() {
        return dir.resolve(FileArticleStore.CHECKPOINT_FILE);
    }

    private Map<ArticleId, StoreEntry> replayedFromLog() throws IOException {
        byte[] saved = Files.readAllBytes(checkpoint());
        Files.delete(checkpoint());
        Map<ArticleId, StoreEntry> replayed = openAndSnapshot();
        Files.write(checkpoint(), saved);
        return replayed;
    }

    @Test
    void roundTrip_entriesFromTheCheckpoint_equalAReplayOfTheLog() throws IOException {
        populate();
        Map<ArticleId, StoreEntry> replayed = replayedFromLog();
        Map<ArticleId, StoreEntry> loaded = openAndSnapshot();
        assertThat(loaded).hasSize(Checkpoint.CHUNK * 2 + 17).isEqualTo(replayed);
        StoreEntry richOne = loaded.get(ArticleId.of("a1"));
        assertThat(richOne.article().visibility().segments()).containsExactlyInAnyOrder("partners", "vip");
        assertThat(richOne.article().reviewInterval()).isEqualTo(Duration.ofDays(30).plusNanos(5));
        assertThat(richOne.revisionCount(EN)).isEqualTo(2);
        assertThat(richOne.revisionCount(ZH)).isEqualTo(1);
        assertThat(richOne.eventRecords()).isEqualTo(2);
    }

    @Test
    void reopen_fromTheCheckpoint_readsRevisionsAndKeepsWriting() {
        populate();
        try (FileArticleStore store = FileArticleStore.open(dir, null)) {
            assertThat(store.revisions(ArticleId.of("a1"), EN)).extracting(r -> r.content().title())
                    .containsExactly("Title 1", "scheduled");
            assertThat(store.revision(ArticleId.of("a1"), ZH, 1)).get()
                    .extracting(r -> r.content().title()).isEqualTo("translated 1");
            assertThat(store.auditEvents(ArticleId.of("a2"))).hasSize(2);
            store.commit(edit(store.article(ArticleId.of("a2")).orElseThrow(), EN, "after reopen"));
        }
        try (FileArticleStore store = FileArticleStore.open(dir, null)) {
            assertThat(store.revisions(ArticleId.of("a2"), EN)).extracting(r -> r.content().title())
                    .containsExactly("Title 2", "after reopen");
        }
    }

    @Test
    void openedFromTheCheckpoint_sharesRepeatedValues() {
        populate();
        Map<ArticleId, StoreEntry> loaded = openAndSnapshot();
        // Two articles created in the same locale and never edited.
        Article a2 = loaded.get(ArticleId.of("a100")).article();
        Article a5 = loaded.get(ArticleId.of("a101")).article();
        assertThat(a2.owner()).isSameAs(a5.owner());
        assertThat(a2.category()).isSameAs(a5.category());
        assertThat(a2.type()).isSameAs(a5.type());
        assertThat(a2.visibility()).isSameAs(a5.visibility());
        assertThat(a2.tags().iterator().next()).isSameAs(a5.tags().iterator().next());
        assertThat(a2.createdAt()).isSameAs(a2.updatedAt());
        assertThat(loaded.get(ArticleId.of("a100")).locales()).isSameAs(loaded.get(ArticleId.of("a101")).locales());
        assertThat(loaded.get(ArticleId.of("a2")).locales()).isSameAs(loaded.get(ArticleId.of("a4")).locales());
    }

    @Test
    void damagedCheckpoint_anyFlippedByte_isIgnoredAndTheLogReplayed() throws IOException {
        populate();
        Map<ArticleId, StoreEntry> replayed = replayedFromLog();
        byte[] good = Files.readAllBytes(checkpoint());
        Random rnd = new Random(42);
        for (int round = 0; round < 12; round++) {
            byte[] bad = good.clone();
            int at = round == 0 ? Checkpoint.PREFIX + Checkpoint.FRAME_HEADER + 1 : rnd.nextInt(bad.length);
            bad[at] ^= (byte) (1 + rnd.nextInt(255));
            Files.write(checkpoint(), bad);
            assertThat(openAndSnapshot().equals(replayed)).as("byte %d flipped", at).isTrue();
        }
    }

    @Test
    void truncatedOrExtendedCheckpoint_isIgnored() throws IOException {
        populate();
        Map<ArticleId, StoreEntry> replayed = replayedFromLog();
        byte[] good = Files.readAllBytes(checkpoint());
        for (int length : new int[] {0, 5, Checkpoint.PREFIX, Checkpoint.PREFIX + 20, good.length / 2,
                good.length - 1}) {
            Files.write(checkpoint(), java.util.Arrays.copyOf(good, length));
            assertThat(openAndSnapshot().equals(replayed)).as("cut at %d", length).isTrue();
        }
        byte[] longer = java.util.Arrays.copyOf(good, good.length + 3);
        Files.write(checkpoint(), longer);
        assertThat(openAndSnapshot()).isEqualTo(replayed);
    }

    @Test
    void checkpointOfAnotherFormatVersion_isIgnored() throws IOException {
        populate();
        Map<ArticleId, StoreEntry> replayed = replayedFromLog();
        byte[] other = Files.readAllBytes(checkpoint());
        other[Checkpoint.MAGIC.length + 3] = (byte) (Checkpoint.VERSION + 1);
        Files.write(checkpoint(), other);
        assertThat(openAndSnapshot()).isEqualTo(replayed);
        // That open wrote a current checkpoint again.
        assertThat(openAndSnapshot()).isEqualTo(replayed);
    }

    @Test
    void legacyJsonCheckpoint_isIgnored_thenReplacedByABinaryOne() throws IOException {
        populate();
        Map<ArticleId, StoreEntry> replayed = replayedFromLog();
        Files.delete(checkpoint());
        long logSize = Files.size(dir.resolve(FileArticleStore.LOG_FILE));
        Path legacy = dir.resolve(FileArticleStore.LEGACY_CHECKPOINT_FILE);
        Files.writeString(legacy, "{\"format\":1,\"logEnd\":" + logSize + ",\"sequence\":1,\"entries\":1}\n"
                + "{\"article\":{\"id\":\"a1\",\"version\":1},\"lastSequence\":1,\"revisionOffsets\":{},"
                + "\"eventOffsets\":[]}\n");
        assertThat(openAndSnapshot()).isEqualTo(replayed);
        assertThat(legacy).doesNotExist();
        assertThat(checkpoint()).exists();
        assertThat(openAndSnapshot()).isEqualTo(replayed);
    }

    @Test
    void legacyJsonCheckpoint_longerThanTheLog_stillRefusesToDropAcknowledgedChanges() throws IOException {
        populate();
        Files.delete(checkpoint());
        long logSize = Files.size(dir.resolve(FileArticleStore.LOG_FILE));
        Path legacy = dir.resolve(FileArticleStore.LEGACY_CHECKPOINT_FILE);
        Files.writeString(legacy, "{\"format\":1,\"logEnd\":" + (logSize + 100)
                + ",\"sequence\":1,\"entries\":0}\n");
        assertThatThrownBy(() -> FileArticleStore.open(dir, null)).isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining("truncated").hasMessageContaining(FileArticleStore.LEGACY_CHECKPOINT_FILE);
        Files.writeString(legacy, "not json at all\n");
        assertThat(openAndSnapshot()).hasSize(Checkpoint.CHUNK * 2 + 17);
    }

    @Test
    void logShorterThanTheBinaryCheckpoint_isCorruption() throws IOException {
        populate();
        Path log = dir.resolve(FileArticleStore.LOG_FILE);
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(log) - 1);
        }
        assertThatThrownBy(() -> FileArticleStore.open(dir, null)).isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining("truncated").hasMessageContaining(FileArticleStore.CHECKPOINT_FILE);
    }

    @Test
    void bigArticles_areSplitIntoChunksByBytes_andRoundTrip() throws IOException {
        java.util.Map<String, String> attributes = new java.util.HashMap<>();
        for (int i = 0; i < 100; i++) {
            attributes.put("field" + i, String.valueOf((char) ('a' + i % 26)).repeat(2_000));
        }
        try (FileArticleStore store = FileArticleStore.open(dir, null)) {
            for (int i = 0; i < 30; i++) {
                Article a = create("big" + i, EN, "Big " + i).article();
                Article big = new Article(a.id(), a.version(), a.category(), a.type(), a.owner(), a.tags(),
                        attributes, a.visibility(), a.sourceLocale(), a.reviewInterval(), a.verifiedAt(),
                        a.verifiedBy(), a.reviewDueAt(), a.createdAt(), a.updatedAt(), a.translations());
                store.commit(new StoreCommit(big, 0, List.of(revision(a.id(), EN, 1, "Big " + i)), List.of()));
            }
        }
        byte[] file = Files.readAllBytes(checkpoint());
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(file);
        int frames = 0;
        for (int at = Checkpoint.PREFIX; at < file.length; at += Checkpoint.FRAME_HEADER + b.getInt(at)) {
            frames++;
        }
        // The header, then 30 articles of about 200 KB in chunks of about 4 MiB.
        assertThat(frames).isGreaterThanOrEqualTo(3);
        Map<ArticleId, StoreEntry> replayed = replayedFromLog();
        Map<ArticleId, StoreEntry> loaded = openAndSnapshot();
        assertThat(loaded).hasSize(30);
        assertThat(loaded.equals(replayed)).isTrue();
        assertThat(loaded.get(ArticleId.of("big7")).article().attributes()).isEqualTo(attributes);
    }

    @Test
    void emptyStore_roundTripsThroughAnEmptyCheckpoint() {
        try (FileArticleStore store = FileArticleStore.open(dir, null)) {
            assertThat(store.size()).isZero();
        }
        assertThat(checkpoint()).exists();
        assertThat(openAndSnapshot()).isEmpty();
    }
}
