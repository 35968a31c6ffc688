package dev.savoir.kb.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.Translation;
import dev.savoir.kb.TranslationState;
import dev.savoir.kb.spi.ArticleStore;
import dev.savoir.kb.spi.StoreCommit;
import dev.savoir.kb.spi.tck.StoreFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * {@link ArticleStore#transitionsDue} of the file store (an index kept on commit and rebuilt on open) and of the
 * in-memory store (a scan) answer alike, under commits that add, move and remove scheduled transitions, across
 * reopens from the checkpoint or the log; and each lists every due article and none due a millisecond or more later.
 */
class TransitionsDueTest {
    private static final Locale EN = Locale.ENGLISH;
    private static final Locale FR = Locale.FRENCH;
    private static final Instant T0 = StoreFixtures.T0;
    private static final int ARTICLES = 6;

    /** What to do after a commit: nothing, reopen from the checkpoint, or reopen replaying the log alone. */
    enum Reopen { NONE, CHECKPOINT, LOG }

    /** One translation's schedule: its state, and when its publication and archiving are due (ms after T0). */
    record Schedule(TranslationState state, @Nullable Long publishAt, @Nullable Long archiveAt, int nanos) {
    }

    /** A commit to article {@code article} giving its translations these schedules. */
    record Op(int article, Schedule en, Schedule fr, Reopen reopen) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Long> at = Arbitraries.longs().between(-500, 5_000).injectNull(0.4);
        Arbitrary<Schedule> schedule = Combinators.combine(Arbitraries.of(TranslationState.class), at, at,
                Arbitraries.of(0, 1, 499_999, 999_999)).as(Schedule::new);
        Arbitrary<Reopen> reopen = Arbitraries.frequency(
                net.jqwik.api.Tuple.of(8, Reopen.NONE), net.jqwik.api.Tuple.of(1, Reopen.CHECKPOINT),
                net.jqwik.api.Tuple.of(1, Reopen.LOG));
        return Combinators.combine(Arbitraries.integers().between(0, ARTICLES - 1), schedule, schedule, reopen)
                .as(Op::new).list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 40)
    void fileAndInMemoryStores_listTheSameDueArticles_asSchedulesAreAddedMovedAndRemoved(
            @ForAll("ops") List<Op> ops) throws IOException {
        Path dir = Files.createTempDirectory("transitions-due");
        ArticleStore file = FileArticleStore.open(dir, null);
        InMemoryArticleStore memory = new InMemoryArticleStore();
        try {
            Map<Integer, Article> current = new HashMap<>();
            for (Op op : ops) {
                StoreCommit c = commit(op, current.get(op.article()));
                file.commit(c);
                memory.commit(c);
                current.put(op.article(), c.article());
                if (op.reopen() != Reopen.NONE) {
                    file.close();
                    if (op.reopen() == Reopen.LOG) {
                        Files.deleteIfExists(dir.resolve(FileArticleStore.CHECKPOINT_FILE));
                    }
                    file = FileArticleStore.open(dir, null);
                }
                for (long ms = -600; ms <= 5_100; ms += 97) {
                    for (long extra : new long[] {0, 500_000, 999_999}) {
                        Instant now = T0.plusMillis(ms).plusNanos(extra);
                        List<ArticleId> due = file.transitionsDue(now);
                        assertThat(due).as("at %s", now).isEqualTo(memory.transitionsDue(now));
                        checkAgainstModel(due, current.values(), now);
                    }
                }
            }
        } finally {
            file.close();
            memory.close();
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Every article due at {@code now} is listed; none whose next transition is a millisecond or more later. */
    private static void checkAgainstModel(List<ArticleId> due, java.util.Collection<Article> articles, Instant now) {
        assertThat(due).isSorted().doesNotHaveDuplicates();
        for (Article a : articles) {
            Instant next = ArticleStore.nextTransition(a);
            if (next != null && !next.isAfter(now)) {
                assertThat(due).as("due at %s", now).contains(a.id());
            }
            if (next == null || !next.isBefore(now.plusMillis(1))) {
                assertThat(due).as("not due at %s", now).doesNotContain(a.id());
            }
        }
    }

    private static StoreCommit commit(Op op, @Nullable Article before) {
        ArticleId id = ArticleId.of("a" + op.article());
        Article base = before != null ? before : StoreFixtures.create(id.value(), EN, "t").article();
        Map<Locale, Translation> translations = Map.of(EN, translation(EN, op.en()), FR, translation(FR, op.fr()));
        long version = before == null ? 1 : before.version() + 1;
        Article a = new Article(id, version, base.category(), base.type(), base.owner(), base.tags(),
                base.attributes(), base.visibility(), EN, null, null, null, null, base.createdAt(),
                T0.plusSeconds(version), translations);
        List<dev.savoir.kb.Revision> revisions = before == null
                ? List.of(StoreFixtures.revision(id, EN, 1, "en"), StoreFixtures.revision(id, FR, 1, "fr"))
                : List.of();
        return new StoreCommit(a, before == null ? 0 : before.version(), revisions, List.of());
    }

    private static Translation translation(Locale locale, Schedule s) {
        Instant publishAt = s.publishAt() == null ? null : T0.plusMillis(s.publishAt()).plusNanos(s.nanos());
        Instant archiveAt = s.archiveAt() == null ? null : T0.plusMillis(s.archiveAt()).plusNanos(s.nanos());
        return new Translation(locale, s.state(), 1, null, null, publishAt, archiveAt, null, null, T0);
    }

    @Test
    void readersDuringCommits_alwaysSeeEveryArticleDueBeforeAndAfterTheCommit() throws Exception {
        Path dir = Files.createTempDirectory("transitions-due-concurrent");
        Instant now = T0.plusSeconds(10);
        try (FileArticleStore store = FileArticleStore.open(dir, null)) {
            // Every article is always due (its archiving moves between two past times): never missing from the list.
            Map<Integer, Article> current = new HashMap<>();
            for (int i = 0; i < 20; i++) {
                Schedule first = new Schedule(TranslationState.PUBLISHED, null, 1_000L, 0);
                StoreCommit c = commit(new Op(i, first, first, Reopen.NONE), null);
                store.commit(c);
                current.put(i, c.article());
            }
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(1);
            Thread reader = new Thread(() -> {
                try {
                    while (done.getCount() > 0) {
                        assertThat(store.transitionsDue(now)).hasSize(20);
                        for (int i = 0; i < 20; i++) {
                            Article a = store.article(ArticleId.of("a" + i)).orElseThrow();
                            // A whole commit or the one before, never a mix: both translations moved together.
                            Translation en = a.translations().get(EN);
                            Translation fr = a.translations().get(FR);
                            assertThat(fr.scheduledArchiveAt()).isEqualTo(en.scheduledArchiveAt());
                        }
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            reader.start();
            try {
                for (int round = 0; round < 100; round++) {
                    for (int i = 0; i < 20; i++) {
                        long at = round % 2 == 0 ? 2_000L : 1_000L;
                        Schedule s = new Schedule(TranslationState.PUBLISHED, null, at, 0);
                        StoreCommit c = commit(new Op(i, s, s, Reopen.NONE), current.get(i));
                        store.commit(c);
                        current.put(i, c.article());
                    }
                }
            } finally {
                done.countDown();
                reader.join();
            }
            assertThat(failure.get()).isNull();
            // The last round moved every archiving back to 1 s.
            assertThat(store.transitionsDue(T0.plusMillis(999))).isEmpty();
            assertThat(store.transitionsDue(T0.plusMillis(1_000))).hasSize(20);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void indexedArticles_areOnlyThoseWithATransitionToRun() {
        TransitionIndex index = new TransitionIndex();
        ArticleId a = ArticleId.of("a");
        ArticleId b = ArticleId.of("b");
        index.update(a, TransitionIndex.NONE, TransitionIndex.key(T0));
        index.update(b, TransitionIndex.NONE, TransitionIndex.key(T0.plusSeconds(5)));
        assertThat(index.due(T0)).containsExactly(a);
        index.update(a, TransitionIndex.key(T0), TransitionIndex.key(T0.plusSeconds(9)));
        assertThat(index.due(T0.plusSeconds(5))).containsExactly(b);
        index.update(b, TransitionIndex.key(T0.plusSeconds(5)), TransitionIndex.NONE);
        assertThat(index.due(Instant.MAX)).containsExactly(a);
        assertThat(index.size()).isEqualTo(1);
        // Far ends of the range stay ordered.
        assertThat(TransitionIndex.key(Instant.MIN)).isLessThan(TransitionIndex.key(T0));
        assertThat(TransitionIndex.key(Instant.MAX)).isLessThan(TransitionIndex.NONE);
        assertThat(TransitionIndex.key(null)).isEqualTo(TransitionIndex.NONE);
        assertThat(new ArrayList<>(index.due(Instant.MIN))).isEmpty();
    }
}
