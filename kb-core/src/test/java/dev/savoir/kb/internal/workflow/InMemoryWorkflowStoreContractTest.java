package dev.savoir.kb.internal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.inbox.Reporter;
import dev.savoir.kb.spi.WorkflowStore;
import dev.savoir.kb.spi.tck.WorkflowStoreContract;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The built-in workflow store kept in memory (a knowledge base in memory) passes the contract but durability. */
class InMemoryWorkflowStoreContractTest extends WorkflowStoreContract {
    @Override
    protected WorkflowStore newStore() {
        return new FileWorkflowStore(null);
    }

    @Override
    protected @Nullable WorkflowStore reopen() {
        return null;
    }

    /** Declared difference: a store in memory keeps nothing beyond its life, by design (inMemory()). */
    @Test
    @Override
    protected void reopen_keepsEverything() {
        store.insertItem(item("i1", A, new Reporter("v", true)));
        store.close();
        store = newStore();
        assertThat(store.items()).isEmpty();
    }
}
