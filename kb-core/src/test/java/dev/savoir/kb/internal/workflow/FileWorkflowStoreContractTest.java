package dev.savoir.kb.internal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.inbox.InboxItem;
import dev.savoir.kb.inbox.ItemState;
import dev.savoir.kb.inbox.Reporter;
import dev.savoir.kb.spi.WorkflowStore;
import dev.savoir.kb.spi.tck.WorkflowStoreContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in workflow log, in a folder, passes the whole {@link WorkflowStoreContract}; a torn last line is cut
 * off, an erasure leaves no trace in the file, and a long log is compacted on open.
 */
class FileWorkflowStoreContractTest extends WorkflowStoreContract {
    @TempDir
    Path dir;

    @Override
    protected WorkflowStore newStore() {
        return new FileWorkflowStore(dir);
    }

    @Override
    protected WorkflowStore reopen() {
        return new FileWorkflowStore(dir);
    }

    @Test
    void tornLastLine_isCutOff_andTheStoreWritesOn() throws IOException {
        InboxItem v1 = item("i1", A, new Reporter("v", true));
        store.insertItem(v1);
        store.close();
        Files.writeString(dir.resolve("workflow.log"), "{\"kind\":\"item\",\"item\":{\"id\":\"i1\",\"vers",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        store = reopen();
        assertThat(store.items()).containsExactly(v1);
        InboxItem v2 = next(v1, ItemState.ACCEPTED, null);
        assertThat(store.replaceItem(v2)).isTrue();
        store.close();
        store = reopen();
        assertThat(store.items()).containsExactly(v2);
    }

    @Test
    void eraseViewer_rewritesTheFile() throws IOException {
        store.insertItem(item("i1", A, new Reporter("visitor-secret-42", true)));
        store.insertItem(item("i2", A, new Reporter("visitor-7", true)));
        store.eraseViewer("visitor-secret-42");
        assertThat(Files.readString(dir.resolve("workflow.log"))).doesNotContain("visitor-secret-42")
                .contains("visitor-7");
    }

    @Test
    void longLog_isCompactedOnOpen_keepingTheState() throws IOException {
        InboxItem item = item("i1", A, new Reporter("v", true));
        store.insertItem(item);
        for (int i = 0; i < 1_100; i++) {
            store.putCategoryOwner(dev.savoir.kb.CategoryPath.parse("Billing"), "owner-" + i);
        }
        store.close();
        long before = Files.lines(dir.resolve("workflow.log")).count();
        store = reopen();
        assertThat(Files.lines(dir.resolve("workflow.log")).count()).isLessThan(before).isEqualTo(2);
        assertThat(store.items()).containsExactly(item);
        assertThat(store.categoryOwners()).containsEntry(dev.savoir.kb.CategoryPath.parse("Billing"), "owner-1099");
        store.close();
        store = reopen();
        assertThat(store.items()).containsExactly(item);
    }
}
