package dev.savoir.kb.lucene;

import static dev.savoir.kb.lucene.Fixtures.ADMIN;
import static dev.savoir.kb.lucene.Fixtures.CUSTOMER_EN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.MetadataChange;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.search.Passage;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchMode;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.spi.Embedder;
import dev.savoir.kb.spi.tck.HashingEmbedder;
import dev.savoir.kb.spi.tck.SearchEngineContract;
import dev.savoir.kb.lucene.internal.index.Fields;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
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

    @Test
    void progress_countsThePassagesInTheIndex_afterAnEditAndATakeDown() throws IOException {
        String body = "Intro words.\n\n## Setup\n\nSetup words here.\n\n## Usage\n\nUsage words here.";
        long reported;
        try (KnowledgeBase kb = open(dir, new HashingEmbedder())) {
            for (int i = 0; i < 3; i++) {
                Fixtures.publish(kb, "a" + i, Locale.ENGLISH, Visibility.PUBLIC, "Title " + i, body);
            }
            SearchEngineContract.awaitEmbeddings(kb);
            long first = kb.embeddingProgress().embedded();
            assertThat(first).as("several passages per article").isGreaterThan(3);
            // an edit republished with one section fewer, a take-down, and a draft that is never published
            kb.edit(ADMIN, ArticleId.of("a0"), Locale.ENGLISH, 1, ArticleContent.of("Title 0", "Only intro."), "");
            kb.publish(ADMIN, ArticleId.of("a0"), Locale.ENGLISH, 2);
            kb.unpublish(ADMIN, ArticleId.of("a1"), Locale.ENGLISH);
            kb.edit(ADMIN, ArticleId.of("a2"), Locale.ENGLISH, 1, ArticleContent.of("Draft", body + " more"), "");
            SearchEngineContract.awaitEmbeddings(kb);
            reported = kb.embeddingProgress().embedded();
            assertThat(reported).isLessThan(first);
        }
        try (Directory d = FSDirectory.open(dir.resolve("index")); DirectoryReader r = DirectoryReader.open(d)) {
            long inIndex = new IndexSearcher(r).count(new TermQuery(new Term(Fields.KIND, Fields.PSG)));
            assertThat(reported).as("embedded passages = passages in the index").isEqualTo(inIndex);
        }
    }

    @Test
    void aHitFoundThroughAPassage_takesItsSnippetFromThatPassage() {
        String body = "Opening remarks about nothing much.\n\n## Billing\n\nInvoices arrive monthly by email.\n\n"
                + "## Routers\n\nHold the reset button of the router for ten seconds.";
        try (KnowledgeBase kb = open(dir, new HashingEmbedder())) {
            Fixtures.publish(kb, "r", Locale.ENGLISH, Visibility.PUBLIC, "Home equipment", body);
            SearchEngineContract.awaitEmbeddings(kb);
            for (SearchMode mode : List.of(SearchMode.SEMANTIC, SearchMode.HYBRID)) {
                SearchHit hit = Fixtures.hits(kb, CUSTOMER_EN,
                        SearchRequest.builder("router reset button").mode(mode).build()).getFirst();
                assertThat(hit.snippet()).as(mode.name()).startsWith("Routers").contains("Hold the reset button")
                        .doesNotContain("Invoices").doesNotContain("Opening");
                assertThat(hit.highlights()).as(mode + ": the query's words are highlighted in the passage")
                        .extracting(h -> hit.snippet().substring(h.start(), h.end()).toLowerCase(Locale.ROOT))
                        .contains("reset", "button", "router");
                SearchHit bare = Fixtures.hits(kb, CUSTOMER_EN, SearchRequest.builder("router reset button")
                        .mode(mode).snippets(false).build()).getFirst();
                assertThat(bare.snippet()).isEmpty();
                assertThat(bare.highlights()).isEmpty();
            }
            // another question, another section
            SearchHit semantic = Fixtures.hits(kb, CUSTOMER_EN,
                    SearchRequest.builder("monthly invoices").mode(SearchMode.SEMANTIC).build()).getFirst();
            assertThat(semantic.snippet()).startsWith("Billing").contains("Invoices arrive monthly").doesNotContain("Hold");
        }
    }

    /** An embedder whose document embeddings wait for the test; the query's are immediate. */
    private static final class HeldEmbedder implements Embedder {
        final HashingEmbedder inner = new HashingEmbedder();
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String modelId() {
            return inner.modelId();
        }

        @Override
        public int dimension() {
            return inner.dimension();
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return inner.embed(texts);
        }

        @Override
        public float[] embedQuery(String query) {
            return HashingEmbedder.vector(query);
        }
    }

    @Test
    void whileTheModelIsBusy_searchStaysLexical_andPassagesComeOnceEmbedded() {
        HeldEmbedder held = new HeldEmbedder();
        try (KnowledgeBase kb = Fixtures.builder().directory(dir)
                .searchEngine(LuceneSearchEngine.builder().embedder(held).build()).build()) {
            Fixtures.publish(kb, "router", Locale.ENGLISH, Visibility.PUBLIC, "Router reset",
                    "Hold the reset button for ten seconds.");
            kb.refresh();
            assertThat(kb.embeddingProgress().ready()).as("the model has not answered").isFalse();
            assertThat(kb.search(CUSTOMER_EN, SearchRequest.of("reset button")).hits())
                    .extracting(h -> h.articleId().value()).as("found at once, lexically").containsExactly("router");
            assertThat(kb.search(CUSTOMER_EN, SearchRequest.builder("reset button").mode(SearchMode.HYBRID).build())
                    .hits()).extracting(h -> h.articleId().value()).as("hybrid has the lexical half")
                    .containsExactly("router");
            assertThat(kb.passages(CUSTOMER_EN, "reset button", 5)).as("no passage before its vector").isEmpty();
            held.release.countDown();
            SearchEngineContract.awaitEmbeddings(kb);
            assertThat(kb.passages(CUSTOMER_EN, "reset button", 5)).extracting(p -> p.articleId().value())
                    .containsExactly("router");
        }
    }
}
