package dev.savoir.kb.lucene;

import static dev.savoir.kb.lucene.Fixtures.CUSTOMER_EN;
import static dev.savoir.kb.lucene.Fixtures.ids;
import static dev.savoir.kb.lucene.Fixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.Visibility;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryTest {
    @TempDir
    Path dir;

    private KnowledgeBase open(List<Long> progress) {
        return Fixtures.builder().directory(dir).searchEngine(LuceneSearchEngine.factory())
                .onRebuildProgress(progress::add).build();
    }

    private void seed(int n) {
        try (KnowledgeBase kb = open(new CopyOnWriteArrayList<>())) {
            for (int i = 0; i < n; i++) {
                publish(kb, "a" + i, Locale.ENGLISH, Visibility.PUBLIC, "Router setup " + i, "Configure the router.");
            }
        }
    }

    @Test
    void reopen_keepsIndex_withoutRebuild() {
        seed(3);
        List<Long> progress = new CopyOnWriteArrayList<>();
        try (KnowledgeBase kb = open(progress)) {
            assertThat(ids(kb, CUSTOMER_EN, "router")).hasSize(3);
        }
        assertThat(progress).isEmpty();
    }

    @Test
    void reopen_afterChangesWithoutEngine_catchesUp() {
        seed(2);
        try (KnowledgeBase plain = Fixtures.builder().directory(dir).build()) {
            publish(plain, "late", Locale.ENGLISH, Visibility.PUBLIC, "Modem lights", "Blinking modem lights.");
        }
        List<Long> progress = new CopyOnWriteArrayList<>();
        try (KnowledgeBase kb = open(progress)) {
            assertThat(ids(kb, CUSTOMER_EN, "modem")).containsExactly("late");
            assertThat(ids(kb, CUSTOMER_EN, "router")).hasSize(2);
        }
        assertThat(progress).isEmpty();
    }

    @Test
    void deletedIndex_isRebuiltWithProgress() throws IOException {
        seed(3);
        deleteTree(dir.resolve("index"));
        List<Long> progress = new CopyOnWriteArrayList<>();
        try (KnowledgeBase kb = open(progress)) {
            assertThat(ids(kb, CUSTOMER_EN, "router")).hasSize(3);
        }
        assertThat(progress).isNotEmpty().last().isEqualTo(3L);
    }

    @Test
    void corruptIndex_isRebuilt() throws IOException {
        seed(3);
        try (Stream<Path> files = Files.list(dir.resolve("index"))) {
            for (Path f : files.filter(p -> !p.getFileName().toString().equals("write.lock")).toList()) {
                Files.write(f, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
            }
        }
        List<Long> progress = new CopyOnWriteArrayList<>();
        try (KnowledgeBase kb = open(progress)) {
            assertThat(ids(kb, CUSTOMER_EN, "router")).hasSize(3);
        }
        assertThat(progress).last().isEqualTo(3L);
    }

    @Test
    void indexOfAnotherSchema_isRebuilt() throws IOException {
        seed(2);
        try (FSDirectory d = FSDirectory.open(dir.resolve("index"));
             IndexWriter w = new IndexWriter(d, new IndexWriterConfig())) {
            w.setLiveCommitData(Map.of("savoir.schema", "savoir-lucene-0", "savoir.sequence", "4").entrySet());
            w.commit();
        }
        List<Long> progress = new CopyOnWriteArrayList<>();
        try (KnowledgeBase kb = open(progress)) {
            assertThat(ids(kb, CUSTOMER_EN, "router")).hasSize(2);
        }
        assertThat(progress).last().isEqualTo(2L);
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
