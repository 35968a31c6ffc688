package dev.savoir.kb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.inbox.InboxItem;
import dev.savoir.kb.inbox.ItemState;
import dev.savoir.kb.inbox.Reporter;
import dev.savoir.kb.spi.WorkflowStore;
import dev.savoir.kb.spi.tck.WorkflowStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** kb-core's workflow store conformance kit, whole, on a real PostgreSQL; reopening opens the same schema. */
class PgWorkflowStoreContractTest extends WorkflowStoreContract {
    static HikariDataSource dataSource;
    private String schema;

    @BeforeAll
    static void pool() {
        dataSource = TestPostgres.get().dataSource(10);
    }

    @AfterAll
    static void closePool() {
        dataSource.close();
    }

    @Override
    protected WorkflowStore newStore() {
        schema = TestPostgres.newSchema();
        return reopen();
    }

    @Override
    protected WorkflowStore reopen() {
        return PostgresStores.builder().dataSource(dataSource).schema(schema).open().workflowStore();
    }

    @Test
    void twoNodes_onOneSchema_seeEachOthersItems_andOneWinsARace() {
        InboxItem v1 = item("i1", A, new Reporter("visitor-1", true));
        store.insertItem(v1);
        try (PostgresStores other = PostgresStores.builder().dataSource(dataSource).schema(schema).open()) {
            WorkflowStore node2 = other.workflowStore();
            assertThat(node2.item("i1")).contains(v1);
            assertThat(node2.replaceItem(next(v1, ItemState.ACCEPTED, 2))).isTrue();
            assertThat(store.replaceItem(next(v1, ItemState.REJECTED, null))).isFalse();
            assertThat(store.item("i1").orElseThrow().state()).isEqualTo(ItemState.ACCEPTED);
        }
    }

    @Test
    void aNulCharacter_isRefusedWithATypedError() {
        InboxItem bad = new InboxItem("i1", 1, dev.savoir.kb.inbox.ItemKind.FLAG, A, EN, 1,
                dev.savoir.kb.inbox.FlagReason.OTHER, "nul \u0000 here", null, new Reporter("v", true), "", ItemState.OPEN,
                null, T0, T0, null, java.util.List.of(), java.util.List.of());
        assertThatThrownBy(() -> store.insertItem(bad)).isInstanceOf(InvalidArgumentException.class);
        assertThat(store.items()).isEmpty();
    }
}
