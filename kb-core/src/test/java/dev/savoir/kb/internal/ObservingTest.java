package dev.savoir.kb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.ArticleVersionConflictException;
import dev.savoir.kb.StoreException;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.spi.KnowledgeBaseObserver;
import dev.savoir.kb.spi.KnowledgeBaseObserver.SearchKind;
import dev.savoir.kb.spi.KnowledgeBaseObserver.WriteDone;
import dev.savoir.kb.spi.KnowledgeBaseObserver.WriteKind;
import dev.savoir.kb.spi.KnowledgeBaseObserver.WriteOutcome;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The knowledge base's side of the observer: free without one, conflicts told apart, failures contained. */
class ObservingTest {
    private static final ViewerContext CUSTOMER = ViewerContext.external(Locale.ENGLISH);

    /**
     * The bytes this thread allocated so far, through reflection: the tests compile inside kb-core's module, which
     * does not read java.management, and run on the class path.
     */
    private static long allocatedBytes(Object threads, Method allocated) throws ReflectiveOperationException {
        return (long) allocated.invoke(threads);
    }

    @Test
    void withoutAnObserver_theHotPathAllocatesNothing() throws ReflectiveOperationException {
        Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                .invoke(null);
        Method allocated = Class.forName("com.sun.management.ThreadMXBean")
                .getMethod("getCurrentThreadAllocatedBytes");
        Observing none = Observing.NONE;
        long sink = 0;
        for (int round = 0; round < 3; round++) {   // the last round runs compiled
            long before = allocatedBytes(threads, allocated);
            for (int i = 0; i < 200_000; i++) {
                Object started = none.searchStarted(SearchKind.SEARCH, CUSTOMER);
                long start = none.now();
                none.searchFinished(started, start, SearchKind.SEARCH, CUSTOMER, i, null);
                Object w = none.writeStarted(WriteKind.UPDATE, 1);
                none.writeFinished(w, none.now(), WriteKind.UPDATE, 1, null);
                sink += start;
            }
            long bytes = allocatedBytes(threads, allocated) - before;
            if (round == 2) {
                assertThat(bytes).as("bytes allocated by 200,000 unobserved searches and writes")
                        .isLessThan(1_024);
            }
        }
        assertThat(sink).as("no clock read without an observer").isZero();
        assertThat(none.active()).isFalse();
    }

    @Test
    void writeOutcomes_tellConflictsFromOtherRefusals() {
        List<WriteDone> seen = new CopyOnWriteArrayList<>();
        Observing obs = Observing.of(new KnowledgeBaseObserver() {
            @Override
            public void writeFinished(WriteDone done, @Nullable Object started) {
                seen.add(done);
            }
        });
        obs.writeFinished(null, obs.now(), WriteKind.UPDATE, 1, null);
        obs.writeFinished(null, obs.now(), WriteKind.UPDATE, 1,
                new ArticleVersionConflictException(dev.savoir.kb.ArticleId.of("reset"), 1, 2));
        obs.writeFinished(null, obs.now(), WriteKind.BATCH, 4, new StoreException("the disk is full"));
        assertThat(seen).extracting(WriteDone::outcome).containsExactly(WriteOutcome.OK, WriteOutcome.CONFLICT,
                WriteOutcome.ERROR);
        assertThat(seen.get(1).error()).isEqualTo(ArticleVersionConflictException.class);
        assertThat(seen.get(2).articles()).isEqualTo(4);
    }

    @Test
    void anObserverThatThrowsEverywhere_isContained() {
        Observing obs = Observing.of(new KnowledgeBaseObserver() {
            @Override
            public @Nullable Object searchStarted(SearchKind kind, KnowledgeBaseObserver.ViewerKind viewer) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void rebuildProgress(long indexed, long total) {
                throw new IllegalStateException("boom");
            }
        });
        assertThat(obs.searchStarted(SearchKind.SEARCH, CUSTOMER)).isNull();
        obs.rebuildProgress(1, 2);
        obs.searchFinished(null, obs.now(), SearchKind.SEARCH, CUSTOMER, 0, null);
        assertThat(obs.active()).isTrue();
    }
}
