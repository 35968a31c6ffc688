package dev.savoir.kb.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.learning.LearnedPair;
import dev.savoir.kb.learning.VocabularyDecision;
import dev.savoir.kb.spi.LearningStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit of the {@link LearningStore} SPI: subclass it, implement {@link #newStore} and, for a durable
 * store, {@link #reopen}. A behaviour an implementation cannot honour must be declared by overriding its test with
 * a documented reason, never silently skipped.
 */
public abstract class LearningStoreContract {
    protected static final Instant T1 = Instant.parse("2026-05-01T09:00:00Z");
    protected static final LearnedPair BILL = LearnedPair.synonym(Locale.ENGLISH, "bill", "invoice");
    protected static final LearnedPair PASWORD = LearnedPair.correction(Locale.ENGLISH, "pasword", "password");
    protected static final LearnedPair COLIS = LearnedPair.synonym(Locale.FRENCH, "colis", "paquet");

    protected LearningStore store;

    /** A new, empty store. */
    protected abstract LearningStore newStore();

    /**
     * The same store opened again after {@link LearningStore#close()}, or null for one that keeps nothing beyond its
     * life (then {@link #reopen_keepsEveryDecision()} must be overridden with the reason).
     */
    protected abstract @Nullable LearningStore reopen();

    @BeforeEach
    void open() {
        store = newStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    protected static VocabularyDecision approved(LearnedPair p, LearnedPair applied, Instant at) {
        return new VocabularyDecision(p, VocabularyDecision.Status.APPROVED, applied, "kim@example.com", at);
    }

    protected static VocabularyDecision rejected(LearnedPair p, Instant at) {
        return new VocabularyDecision(p, VocabularyDecision.Status.REJECTED, null, "kim@example.com", at);
    }

    @Test
    void newStore_isEmpty() {
        assertThat(store.decisions()).isEmpty();
        assertThat(store.delete(BILL)).isFalse();
    }

    @Test
    void save_keepsOneDecisionPerCandidate_mostRecentFirst() {
        store.save(approved(BILL, BILL, T1));
        store.save(rejected(PASWORD, T1.plusSeconds(10)));
        store.save(approved(COLIS, LearnedPair.synonym(Locale.FRENCH, "colis", "paquet postal"), T1.plusSeconds(5)));
        assertThat(store.decisions()).extracting(VocabularyDecision::candidate).containsExactly(PASWORD, COLIS, BILL);

        store.save(rejected(BILL, T1.plusSeconds(20)));
        assertThat(store.decisions()).hasSize(3);
        assertThat(store.decisions().getFirst()).isEqualTo(rejected(BILL, T1.plusSeconds(20)));
    }

    @Test
    void decisions_keepEveryField() {
        VocabularyDecision edited = approved(PASWORD, LearnedPair.synonym(Locale.ENGLISH, "pasword", "password reset"),
                T1);
        store.save(edited);
        assertThat(store.decisions()).containsExactly(edited);
    }

    @Test
    void delete_removesTheDecision() {
        store.save(approved(BILL, BILL, T1));
        store.save(rejected(PASWORD, T1));
        assertThat(store.delete(BILL)).isTrue();
        assertThat(store.delete(BILL)).isFalse();
        assertThat(store.decisions()).extracting(VocabularyDecision::candidate).containsExactly(PASWORD);
    }

    @Test
    protected void reopen_keepsEveryDecision() {
        store.save(approved(BILL, BILL, T1));
        store.save(rejected(PASWORD, T1.plusSeconds(1)));
        store.save(approved(COLIS, COLIS, T1.plusSeconds(2)));
        store.delete(COLIS);
        List<VocabularyDecision> before = store.decisions();
        store.close();
        store = reopen();
        assertThat(store.decisions()).isEqualTo(before);
    }

    @Test
    protected void manyDecisions_thenReopen_keepsTheLastOfEach() {
        for (int i = 0; i < 200; i++) {
            store.save(i % 2 == 0 ? approved(BILL, BILL, T1.plusSeconds(i)) : rejected(BILL, T1.plusSeconds(i)));
        }
        store.save(approved(COLIS, COLIS, T1));
        store.close();
        store = reopen();
        assertThat(store.decisions()).containsExactly(rejected(BILL, T1.plusSeconds(199)), approved(COLIS, COLIS, T1));
    }

    @Test
    void concurrentSaves_areAllKept() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                done.add(pool.submit(() -> store.save(approved(LearnedPair.synonym(Locale.ENGLISH, "word" + n,
                        "term" + n), LearnedPair.synonym(Locale.ENGLISH, "word" + n, "term" + n), T1.plusSeconds(n)))));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(store.decisions()).hasSize(40);
        assertThat(store.decisions().getFirst().candidate().from()).isEqualTo("word39");
    }
}
