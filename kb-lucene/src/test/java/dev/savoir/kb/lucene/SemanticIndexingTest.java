package dev.savoir.kb.lucene;

import static dev.savoir.kb.lucene.Fixtures.ADMIN;
import static dev.savoir.kb.lucene.Fixtures.CUSTOMER_EN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.MetadataChange;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.search.Passage;
import dev.savoir.kb.spi.tck.HashingEmbedder;
import dev.savoir.kb.spi.tck.SearchEngineContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passages written by the background worker, the embedding cache across restarts and rebuilds. */
class SemanticIndexingTest {
    @TempDir
    Path dir;

    private static KnowledgeBase open(Path dir, HashingEmbedder embedder) {
        return Fixtures.builder().directory(dir)
                .searchEngine(LuceneSearchEngine.builder().embedder(embedder).build()).build();
    }

    @Test
    void eachTranslationGetsItsPassagesOnce_evenWhenRepublished() {
        HashingEmbedder embedder = new HashingEmbedder();
        try (KnowledgeBase kb = open(dir, embedder)) {
            for (int i = 0; i < 5; i++) {
                Fixtures.publish(kb, "a" + i, Locale.ENGLISH, Visibility.PUBLIC, "Title " + i, "Body text " + i);
            }
            SearchEngineContract.awaitEmbeddings(kb);
            List<Passage> all = kb.passages(CUSTOMER_EN, "body text", 100);
            assertThat(all).extracting(p -> p.articleId().value())
                    .containsExactlyInAnyOrder("a0", "a1", "a2", "a3", "a4");
            kb.updateMetadata(ADMIN, ArticleId.of("a0"), kb.article(ADMIN, ArticleId.of("a0")).version(),
                    MetadataChange.none().withVisibility(Visibility.INTERNAL));
            SearchEngineContract.awaitEmbeddings(kb);
            assertThat(kb.passages(CUSTOMER_EN, "body text", 100)).extracting(p -> p.articleId().value())
                    .containsExactlyInAnyOrder("a1", "a2", "a3", "a4");
        }
    }

    @Test
    void vectors_areCachedOnDisk_soARestartOrRebuildNeverAsksTheModelAgain() throws IOException {
        HashingEmbedder first = new HashingEmbedder();
        try (KnowledgeBase kb = open(dir, first)) {
            for (int i = 0; i < 4; i++) {
                Fixtures.publish(kb, "a" + i, Locale.ENGLISH, Visibility.PUBLIC, "Title " + i, "Body text " + i);
            }
            SearchEngineContract.awaitEmbeddings(kb);
            assertThat(first.embedded()).isEqualTo(4);
        }
        // the index is lost (the embedding cache beside it stays): the knowledge base rebuilds it from the store
        try (var files = Files.list(dir.resolve("index"))) {
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f)) {
                    Files.delete(f);
                }
            }
        }
        HashingEmbedder second = new HashingEmbedder();
        try (KnowledgeBase kb = open(dir, second)) {
            SearchEngineContract.awaitEmbeddings(kb);
            assertThat(second.embedded()).as("the rebuild found every vector in the cache").isZero();
            Fixtures.publish(kb, "b", Locale.ENGLISH, Visibility.PUBLIC, "Another", "Fresh words");
            SearchEngineContract.awaitEmbeddings(kb);
            assertThat(second.embedded()).as("only the new article was embedded").isEqualTo(1);
            assertThat(kb.passages(CUSTOMER_EN, "body text", 100)).hasSize(5);
        }
    }
}
