package dev.savoir.kb.internal.store;

import static dev.savoir.kb.spi.tck.StoreFixtures.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.StoreCorruptedException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A log cut shorter than what its checkpoint recorded lost acknowledged changes: the store says so. */
class TruncatedLogTest {
    @TempDir
    Path dir;

    @Test
    void open_logShorterThanItsCheckpoint_throwsStoreCorruptedInsteadOfDroppingAcknowledgedChanges()
            throws IOException {
        try (FileArticleStore store = FileArticleStore.open(dir, null)) {
            for (int i = 0; i < 10; i++) {
                store.commit(create("a" + i, Locale.ENGLISH, "Title " + i));
            }
        }
        Path log = dir.resolve(FileArticleStore.LOG_FILE);
        long size = Files.size(log);
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
            ch.truncate(size - 7);
        }
        assertThatThrownBy(() -> FileArticleStore.open(dir, null)).isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining("truncated").hasMessageContaining("delete");
        // The way out the message gives: without the checkpoint, the store opens with what remains.
        Files.delete(dir.resolve(FileArticleStore.CHECKPOINT_FILE));
        try (FileArticleStore store = FileArticleStore.open(dir, null)) {
            assertThat(store.size()).isEqualTo(9);
        }
    }
}
