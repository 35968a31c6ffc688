package dev.savoir.kb.internal.store;

import static dev.savoir.kb.spi.tck.StoreFixtures.create;
import static dev.savoir.kb.spi.tck.StoreFixtures.edit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.StoreCorruptedException;
import dev.savoir.kb.StoreException;
import dev.savoir.kb.StoreLockedException;
import dev.savoir.kb.spi.ArticleStore;
import dev.savoir.kb.spi.tck.ArticleStoreContract;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileArticleStoreTest extends ArticleStoreContract {
    @TempDir
    Path dir;

    private Path storeDir() {
        return dir.resolve("store");
    }

    @Override
    protected ArticleStore newStore() {
        return FileArticleStore.open(storeDir(), null);
    }

    private ArticleStore reopen() {
        store.close();
        store = FileArticleStore.open(storeDir(), null);
        return store;
    }

    @Test
    void reopen_keepsEveryCommit() {
        store.commit(create("a1", EN, "v1"));
        store.commit(edit(article("a1"), EN, "v2"));
        store.commit(create("b1", FR, "équipe"));
        reopen();
        assertThat(store.lastSequence()).isEqualTo(3);
        assertThat(store.size()).isEqualTo(2);
        assertThat(store.revisions(ArticleId.of("a1"), EN)).extracting(r -> r.content().title())
                .containsExactly("v1", "v2");
        assertThat(article("b1").translations()).containsKey(FR);
        assertThat(store.auditEvents(ArticleId.of("a1"))).hasSize(2);
        store.commit(edit(article("a1"), EN, "v3"));
        assertThat(store.lastSequence()).isEqualTo(4);
    }

    @Test
    void secondOpen_inSameJvm_isRefusedWithLockedError() {
        assertThatThrownBy(() -> FileArticleStore.open(storeDir(), null))
                .isInstanceOf(StoreLockedException.class)
                .hasMessageContaining("already open");
        store.commit(create("a1", EN, "still works"));
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void close_releasesTheLock() {
        store.close();
        ArticleStore again = FileArticleStore.open(storeDir(), null);
        again.close();
    }

    @Test
    void reads_afterClose_areTypedErrors() {
        store.close();
        assertThatThrownBy(() -> store.article(ArticleId.of("x"))).isInstanceOf(StoreException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> store.commit(create("x", EN, "x"))).isInstanceOf(StoreException.class);
    }

    @Test
    void tornLastWrite_isDiscardedOnOpen() throws IOException {
        store.commit(create("a1", EN, "v1"));
        store.commit(create("a2", EN, "v2"));
        store.close();
        Path log = storeDir().resolve(FileArticleStore.LOG_FILE);
        long goodSize = Files.size(log);
        // The start of a third frame: a header promising 5000 bytes and only some of them.
        byte[] partial = new byte[700];
        java.nio.ByteBuffer.wrap(partial).putInt(FileArticleStore.FRAME_MAGIC).putInt(5000).putInt(1234);
        Files.write(log, partial, StandardOpenOption.APPEND);
        store = FileArticleStore.open(storeDir(), null);
        assertThat(store.lastSequence()).isEqualTo(2);
        assertThat(Files.size(log)).isEqualTo(goodSize);
        store.commit(create("a3", EN, "v3"));
        reopen();
        assertThat(store.size()).isEqualTo(3);
    }

    @Test
    void tornFrameHeader_isDiscardedOnOpen() throws IOException {
        store.commit(create("a1", EN, "v1"));
        store.close();
        Path log = storeDir().resolve(FileArticleStore.LOG_FILE);
        Files.write(log, new byte[] {0x4B, 0x42}, StandardOpenOption.APPEND);
        store = FileArticleStore.open(storeDir(), null);
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void damageBeforeValidRecords_refusesToOpen() throws IOException {
        store.commit(create("a1", EN, "v1"));
        store.commit(create("a2", EN, "v2"));
        store.commit(create("a3", EN, "v3"));
        store.close();
        Files.delete(storeDir().resolve(FileArticleStore.CHECKPOINT_FILE));
        Path log = storeDir().resolve(FileArticleStore.LOG_FILE);
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
            long at = FileArticleStore.HEADER_SIZE + FileArticleStore.FRAME_HEADER + 30;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x5A);
        }
        assertThatThrownBy(() -> FileArticleStore.open(storeDir(), null))
                .isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining("valid records follow");
        // and nothing was cut off: the file is as it was
        assertThat(Files.size(log)).isGreaterThan(3 * FileArticleStore.FRAME_HEADER);
        store = new InMemoryArticleStore();
    }

    @Test
    void damageBehindACheckpoint_isReportedWhenTheRevisionIsRead() throws IOException {
        store.commit(create("a1", EN, "v1"));
        store.commit(create("a2", EN, "v2"));
        store.close();
        Path log = storeDir().resolve(FileArticleStore.LOG_FILE);
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
            long at = FileArticleStore.HEADER_SIZE + FileArticleStore.FRAME_HEADER + 30;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x5A);
        }
        store = FileArticleStore.open(storeDir(), Caffeine.newBuilder().maximumSize(0).executor(Runnable::run)
                .build());
        assertThatThrownBy(() -> store.revision(ArticleId.of("a1"), EN, 1))
                .isInstanceOf(StoreCorruptedException.class).hasMessageContaining("checksum");
        assertThat(store.revision(ArticleId.of("a2"), EN, 1)).isPresent();
    }

    @Test
    void checkpoint_reopenGivesSameState_andStaleOrDamagedCheckpointsAreHarmless() throws IOException {
        store.commit(create("a1", EN, "v1"));
        store.commit(edit(article("a1"), EN, "v2"));
        store.close();
        Path checkpoint = storeDir().resolve(FileArticleStore.CHECKPOINT_FILE);
        assertThat(checkpoint).exists();
        byte[] early = Files.readAllBytes(checkpoint);

        store = FileArticleStore.open(storeDir(), null);
        assertThat(store.lastSequence()).isEqualTo(2);
        store.commit(create("b1", EN, "later"));
        store.commit(edit(article("a1"), EN, "v3"));
        store.close();

        // As if the process had died after the two last commits: the checkpoint on disk is the early one.
        Files.write(checkpoint, early);
        store = FileArticleStore.open(storeDir(), null);
        assertThat(store.lastSequence()).isEqualTo(4);
        assertThat(store.revisions(ArticleId.of("a1"), EN)).extracting(r -> r.content().title())
                .containsExactly("v1", "v2", "v3");
        assertThat(article("b1").version()).isEqualTo(1);
        store.close();

        Files.writeString(checkpoint, "{\"format\":1,\"logEnd\":16,\"sequence\":0,\"entries\":5}\n{garbage");
        store = FileArticleStore.open(storeDir(), null);
        assertThat(store.size()).isEqualTo(2);
        assertThat(store.lastSequence()).isEqualTo(4);
        store.close();

        Files.writeString(checkpoint, "{\"format\":1,\"logEnd\":16,\"sequence\":0,\"entries\":0}\n");
        store = FileArticleStore.open(storeDir(), null);
        assertThat(store.size()).isEqualTo(2);
        assertThat(store.lastSequence()).isEqualTo(4);
    }

    @Test
    void foreignFile_isRefused() throws IOException {
        store.close();
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        Files.writeString(other.resolve(FileArticleStore.LOG_FILE), "this is not a Savoir log at all");
        assertThatThrownBy(() -> FileArticleStore.open(other, null))
                .isInstanceOf(StoreCorruptedException.class).hasMessageContaining("not a Savoir store");
        store = new InMemoryArticleStore();
    }

    @Test
    void newerFormat_isRefusedWithUpgradeHint() throws IOException {
        store.close();
        Path log = storeDir().resolve(FileArticleStore.LOG_FILE);
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
            f.seek(8);
            f.writeInt(FileArticleStore.FORMAT_VERSION + 1);
        }
        assertThatThrownBy(() -> FileArticleStore.open(storeDir(), null))
                .isInstanceOf(StoreException.class).hasMessageContaining("upgrade Savoir");
        store = new InMemoryArticleStore();
    }

    @Test
    void tinyCache_stillReadsEveryRevisionFromDisk() {
        store.close();
        store = FileArticleStore.open(storeDir(), Caffeine.newBuilder().maximumWeight(1)
                .weigher(FileArticleStore::weigh).executor(Runnable::run).build());
        store.commit(create("a1", EN, "v1"));
        for (int i = 2; i <= 30; i++) {
            store.commit(edit(article("a1"), EN, "v" + i));
        }
        assertThat(store.revisions(ArticleId.of("a1"), EN)).hasSize(30);
        assertThat(store.revision(ArticleId.of("a1"), EN, 17).orElseThrow().content().title()).isEqualTo("v17");
    }

    @Test
    void commitAll_groupsManyCommitsIntoOneSync() {
        FileArticleStore fs = (FileArticleStore) store;
        long before = fs.syncCount();
        java.util.List<dev.savoir.kb.spi.StoreCommit> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            batch.add(create("imp-" + i, EN, "Imported " + i));
        }
        fs.commitAll(batch);
        assertThat(fs.syncCount() - before).isEqualTo(1);
        fs.commit(create("single", EN, "one"));
        assertThat(fs.syncCount() - before).isEqualTo(2);
        assertThat(reopen().size()).isEqualTo(2001);
    }

    @Test
    void commitAll_manyCommitsSerializedInParallel_keepTheirOrderAndSequences() {
        store.commit(create("first", EN, "before the batch"));
        int n = FileArticleStore.SERIALIZE_AHEAD * 2 + 7;
        java.util.List<dev.savoir.kb.spi.StoreCommit> batch = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(create("bulk-" + i, EN, "Bulk " + i));
        }
        store.commitAll(batch);
        reopen();
        assertThat(store.lastSequence()).isEqualTo(n + 1);
        java.util.List<dev.savoir.kb.spi.StoreChange> changes = store.changesSince(1, Integer.MAX_VALUE);
        assertThat(changes).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(changes.get(i)).isEqualTo(new dev.savoir.kb.spi.StoreChange(i + 2, ArticleId.of("bulk-" + i)));
        }
        assertThat(store.revision(ArticleId.of("bulk-300"), EN, 1).orElseThrow().content().title())
                .isEqualTo("Bulk 300");
    }

    @Test
    void interruptedReader_doesNotBreakTheStore() {
        store.close();
        store = FileArticleStore.open(storeDir(), Caffeine.newBuilder().maximumSize(0).executor(Runnable::run)
                .build());
        store.commit(create("a1", EN, "v1"));
        Thread.currentThread().interrupt();
        try {
            store.revision(ArticleId.of("a1"), EN, 1);
        } catch (StoreException expected) {
            // an interrupted read may fail, typed
        } finally {
            Thread.interrupted();
        }
        assertThat(store.revision(ArticleId.of("a1"), EN, 1).orElseThrow().content().title()).isEqualTo("v1");
        store.commit(edit(article("a1"), EN, "v2"));
        assertThat(reopen().revisions(ArticleId.of("a1"), EN)).hasSize(2);
    }
}
