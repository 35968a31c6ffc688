package dev.savoir.kb.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleArchive;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.KbException;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Role;
import dev.savoir.kb.SemanticSearchUnavailableException;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.io.ImportOptions;
import dev.savoir.kb.io.ImportProgress;
import dev.savoir.kb.io.JsonFormat;
import dev.savoir.kb.search.IndexStatus;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.spi.KnowledgeBaseObserver;
import dev.savoir.kb.spi.KnowledgeBaseObserver.SearchDone;
import dev.savoir.kb.spi.KnowledgeBaseObserver.SearchKind;
import dev.savoir.kb.spi.KnowledgeBaseObserver.SearchOutcome;
import dev.savoir.kb.spi.KnowledgeBaseObserver.ViewerKind;
import dev.savoir.kb.spi.KnowledgeBaseObserver.WriteDone;
import dev.savoir.kb.spi.KnowledgeBaseObserver.WriteKind;
import dev.savoir.kb.spi.KnowledgeBaseObserver.WriteOutcome;
import dev.savoir.kb.spi.ObservedKnowledgeBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a knowledge base tells its observer, and that an observer can never break it. */
class KnowledgeBaseObserverTest {
    private static final Actor EDITOR = Actor.of("editor", Role.ADMIN);
    private static final ViewerContext CUSTOMER = ViewerContext.external(Locale.ENGLISH);

    @TempDir
    Path dir;

    private static KnowledgeBase open(ObservedEngine engine, KnowledgeBaseObserver observer) {
        return KnowledgeBase.builder().inMemory().requireReview(false).searchEngine(c -> engine).observer(observer)
                .build();
    }

    private static void publish(KnowledgeBase kb, String id, String title) {
        kb.create(EDITOR, NewArticle.builder(id).category("Account").visibility(Visibility.PUBLIC).title(title)
                .body("Body of " + title).build());
        kb.publish(EDITOR, ArticleId.of(id), Locale.ENGLISH, 1);
    }

    @Test
    void searches_reportKindViewerOutcomeHitsAndDuration_neverTheText() {
        RecordingObserver seen = new RecordingObserver();
        try (KnowledgeBase kb = open(new ObservedEngine(false), seen)) {
            publish(kb, "reset", "Reset your password");
            publish(kb, "reset-2fa", "Reset two-factor sign-in");

            kb.search(CUSTOMER, SearchRequest.builder("reset").build(), "session-4711");
            kb.search(ViewerContext.external(Locale.ENGLISH, "gold"), SearchRequest.of("secret-query-xyzzy"));
            kb.search(ViewerContext.internal(Locale.ENGLISH), SearchRequest.of("password"));
            kb.autocomplete(CUSTOMER, "passw", 5);
            kb.related(CUSTOMER, ArticleId.of("reset"), 3);
            assertThatThrownBy(() -> kb.suggestForTicket(EDITOR, Locale.ENGLISH, "My order", "help me", 3))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> kb.passages(CUSTOMER, "how do I reset", 3))
                    .isInstanceOf(SemanticSearchUnavailableException.class);
        }

        assertThat(seen.mismatched).isEmpty();
        assertThat(seen.searches).extracting(SearchDone::kind, SearchDone::viewer, SearchDone::outcome,
                SearchDone::hits, SearchDone::error).containsExactly(
                tuple(SearchKind.SEARCH, ViewerKind.EXTERNAL, SearchOutcome.OK, 2L,
                        null),
                tuple(SearchKind.SEARCH, ViewerKind.SEGMENTED,
                        SearchOutcome.ZERO_RESULTS, 0L, null),
                tuple(SearchKind.SEARCH, ViewerKind.INTERNAL, SearchOutcome.OK, 1L,
                        null),
                tuple(SearchKind.AUTOCOMPLETE, ViewerKind.EXTERNAL, SearchOutcome.OK,
                        1L, null),
                tuple(SearchKind.RELATED, ViewerKind.EXTERNAL,
                        SearchOutcome.ZERO_RESULTS, 0L, null),
                tuple(SearchKind.ASSIST, ViewerKind.INTERNAL, SearchOutcome.ERROR, 0L,
                        IllegalStateException.class),
                tuple(SearchKind.PASSAGES, ViewerKind.EXTERNAL, SearchOutcome.ERROR,
                        0L, SemanticSearchUnavailableException.class));
        assertThat(seen.searches).allSatisfy(d -> assertThat(d.took()).isGreaterThanOrEqualTo(Duration.ZERO));
        String told = seen.searches.toString();
        for (String typed : List.of("reset", "secret-query-xyzzy", "password", "passw", "session-4711", "My order",
                "help me", "how do I")) {
            assertThat(told).doesNotContainIgnoringCase(typed);
        }
    }

    @Test
    void storeWrites_reportTheirKindArticlesAndOutcome() {
        RecordingObserver seen = new RecordingObserver();
        try (KnowledgeBase kb = open(new ObservedEngine(false), seen)) {
            publish(kb, "reset", "Reset your password");
            kb.edit(EDITOR, ArticleId.of("reset"), Locale.ENGLISH, 1,
                    new ArticleContent("Reset it", "", "New body", List.of()), "shorter");
            kb.createAll(EDITOR, IntStream.range(0, 3).mapToObj(i -> NewArticle.builder("batch-" + i)
                    .category("Account").title("Batch " + i).body("b").build()).toList());
            // refused before the store is reached: not a store write
            assertThatThrownBy(() -> kb.edit(EDITOR, ArticleId.of("reset"), Locale.ENGLISH, 1,
                    new ArticleContent("Stale", "", "x", List.of()), "stale")).isInstanceOf(KbException.class);
        }
        assertThat(seen.mismatched).isEmpty();
        assertThat(seen.writes).extracting(WriteDone::kind, WriteDone::articles, WriteDone::outcome)
                .containsExactly(
                        tuple(WriteKind.CREATE, 1, WriteOutcome.OK),
                        tuple(WriteKind.UPDATE, 1, WriteOutcome.OK),
                        tuple(WriteKind.UPDATE, 1, WriteOutcome.OK),
                        tuple(WriteKind.BATCH, 3, WriteOutcome.OK));
        assertThat(seen.closed).isTrue();
    }

    @Test
    void aThrowingObserver_neverBreaksASearchOrAWrite() {
        KnowledgeBaseObserver hostile = new KnowledgeBaseObserver() {
            @Override
            public void opened(ObservedKnowledgeBase kb) {
                throw new IllegalStateException("opened");
            }

            @Override
            public @Nullable Object searchStarted(SearchKind kind, ViewerKind viewer) {
                throw new IllegalStateException("searchStarted");
            }

            @Override
            public void searchFinished(SearchDone done, @Nullable Object started) {
                throw new IllegalStateException("searchFinished");
            }

            @Override
            public @Nullable Object writeStarted(WriteKind kind, int articles) {
                throw new IllegalStateException("writeStarted");
            }

            @Override
            public void writeFinished(WriteDone done, @Nullable Object started) {
                throw new IllegalStateException("writeFinished");
            }

            @Override
            public void importProgress(ImportProgress progress) {
                throw new IllegalStateException("importProgress");
            }

            @Override
            public void closed() {
                throw new IllegalStateException("closed");
            }
        };
        ObservedEngine engine = new ObservedEngine(false);
        try (KnowledgeBase kb = open(engine, hostile)) {
            publish(kb, "reset", "Reset your password");
            assertThat(kb.search(CUSTOMER, SearchRequest.of("reset")).totalHits()).isEqualTo(1);
            assertThat(kb.autocomplete(CUSTOMER, "re", 3)).hasSize(1);
            assertThat(kb.article(EDITOR, ArticleId.of("reset")).translations().get(Locale.ENGLISH)
                    .publishedRevision()).isEqualTo(1);
            ArticleArchive archive = kb.exportArchive(EDITOR, ArticleId.of("reset"));
            try (KnowledgeBase other = open(new ObservedEngine(false), hostile)) {
                assertThat(other.importArchives(EDITOR, List.of(archive), true)).isEqualTo(1);
                assertThat(other.size()).isEqualTo(1);
            }
        }
    }

    @Test
    void indexStatus_countsWhatIsNotIndexedYet_andCatchesUpAfterTheRepair() {
        RecordingObserver seen = new RecordingObserver();
        ObservedEngine engine = new ObservedEngine(false);
        try (KnowledgeBase kb = open(engine, seen)) {
            publish(kb, "reset", "Reset your password");
            IndexStatus fine = kb.indexStatus();
            assertThat(fine).isEqualTo(new IndexStatus(true, kb.lastChange(), kb.lastChange(), 0, false));
            assertThat(fine.caughtUp()).isTrue();

            engine.failApplies.set(1_000);
            kb.create(EDITOR, NewArticle.builder("unindexed").category("Account").title("Unindexed").body("b")
                    .build());
            IndexStatus behind = kb.indexStatus();
            assertThat(behind.awaitingRepair()).isEqualTo(1);
            assertThat(behind.lag()).isEqualTo(1);
            assertThat(behind.caughtUp()).isFalse();
            assertThat(seen.opened.indexStatus()).contains(behind);

            engine.failApplies.set(0);
            kb.refresh();
            assertThat(kb.indexStatus().caughtUp()).isTrue();
            assertThat(kb.indexStatus().lag()).isZero();
        }
        assertThat(seen.opened.indexStatus()).as("nothing to poll once closed").isEmpty();
        assertThat(seen.opened.caches()).isEmpty();
    }

    @Test
    void indexStatus_withoutASearchEngine_isDisabledWithNothingLagging_andTheObserverSeesNone() {
        RecordingObserver seen = new RecordingObserver();
        try (KnowledgeBase kb = KnowledgeBase.builder().inMemory().observer(seen).build()) {
            IndexStatus none = kb.indexStatus();
            assertThat(none.enabled()).isFalse();
            assertThat(none.lag()).isZero();
            assertThat(none.caughtUp()).isTrue();
            assertThat(seen.opened.indexStatus()).isEmpty();
            assertThat(seen.opened.caches()).containsOnlyKeys("savoir.revisions");
            assertThat(seen.opened.caches().get("savoir.revisions").policy().isRecordingStats()).isTrue();
        }
    }

    @Test
    void rebuild_reportsItsProgressUpToTheTotal() {
        Path folder = dir.resolve("kb");
        try (KnowledgeBase kb = KnowledgeBase.builder().directory(folder).requireReview(false).build()) {
            for (int i = 0; i < 4; i++) {
                publish(kb, "a-" + i, "Article " + i);
            }
        }
        RecordingObserver seen = new RecordingObserver();
        try (KnowledgeBase kb = KnowledgeBase.builder().directory(folder).searchEngine(c -> new ObservedEngine(true))
                .observer(seen).build()) {
            assertThat(kb.search(CUSTOMER, SearchRequest.of("article")).totalHits()).isEqualTo(4);
        }
        assertThat(seen.rebuilds).extracting(p -> p[0] + "/" + p[1]).containsExactly("1/4", "2/4", "3/4", "4/4",
                "4/4");
    }

    @Test
    void imports_reportTheirProgressBatchByBatch() throws Exception {
        Path file = dir.resolve("kb.json");
        try (KnowledgeBase source = KnowledgeBase.builder().inMemory().requireReview(false).build()) {
            for (int i = 0; i < 5; i++) {
                publish(source, "a-" + i, "Article " + i);
            }
            try (var out = Files.newOutputStream(file)) {
                JsonFormat.create().export(source, EDITOR, out);
            }
        }
        ArticleArchive solo;
        try (KnowledgeBase other = KnowledgeBase.builder().inMemory().requireReview(false).build()) {
            publish(other, "solo", "Solo");
            solo = other.exportArchive(EDITOR, ArticleId.of("solo"));
        }
        RecordingObserver seen = new RecordingObserver();
        try (KnowledgeBase kb = KnowledgeBase.builder().inMemory().observer(seen).build()) {
            JsonFormat.create().importFrom(kb, EDITOR, file, ImportOptions.builder().batchSize(2).build());
            kb.importArchives(EDITOR, List.of(solo), false);   // outside a format: this batch alone
        }
        assertThat(seen.imports).containsExactly(new ImportProgress(5, 2, 0, 5), new ImportProgress(5, 4, 0, 5),
                new ImportProgress(5, 5, 0, 5), new ImportProgress(1, 1, 0, 1));
        assertThat(seen.writes).extracting(WriteDone::kind, WriteDone::articles).containsExactly(
                tuple(WriteKind.BATCH, 2),
                tuple(WriteKind.BATCH, 2),
                tuple(WriteKind.BATCH, 1),
                tuple(WriteKind.BATCH, 1));
    }

    @Test
    void theBuilder_takesOneObserver() {
        var builder = KnowledgeBase.builder().inMemory().observer(new RecordingObserver());
        assertThatThrownBy(() -> builder.observer(new RecordingObserver()))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("observer");
        assertThatThrownBy(() -> KnowledgeBase.builder().observer(null))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("observer");
    }
}
