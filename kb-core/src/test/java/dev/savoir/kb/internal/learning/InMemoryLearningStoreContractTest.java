package dev.savoir.kb.internal.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.spi.LearningStore;
import dev.savoir.kb.spi.tck.LearningStoreContract;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The in-memory decisions (a knowledge base without a folder) pass the kit; they keep nothing beyond their life. */
class InMemoryLearningStoreContractTest extends LearningStoreContract {
    @Override
    protected LearningStore newStore() {
        return new FileLearningStore(null);
    }

    @Override
    protected @Nullable LearningStore reopen() {
        return null;
    }

    /** Declared difference: memory is not durable; a new in-memory store starts empty. */
    @Test
    @Override
    protected void reopen_keepsEveryDecision() {
        store.save(approved(BILL, BILL, T1));
        store.close();
        store = newStore();
        assertThat(store.decisions()).isEmpty();
    }

    /** Declared difference: memory is not durable; the last decision of each candidate is kept while open. */
    @Test
    @Override
    protected void manyDecisions_thenReopen_keepsTheLastOfEach() {
        for (int i = 0; i < 200; i++) {
            store.save(i % 2 == 0 ? approved(BILL, BILL, T1.plusSeconds(i)) : rejected(BILL, T1.plusSeconds(i)));
        }
        assertThat(store.decisions()).containsExactly(rejected(BILL, T1.plusSeconds(199)));
    }
}
