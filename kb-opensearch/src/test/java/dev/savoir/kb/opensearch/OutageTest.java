package dev.savoir.kb.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Role;
import dev.savoir.kb.SearchIndexException;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.spi.SearchEngineFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The cluster goes away mid-run: searches fail fast with a typed error, writes still reach the store, and once the
 * node is back on the same data the index catches up from the store's change feed when the knowledge base reopens.
 */
class OutageTest {
    private static final Actor ADMIN = Actor.of("admin", Role.ADMIN);
    private static final ViewerContext CUSTOMER = ViewerContext.external(Locale.ENGLISH);

    private static void publish(KnowledgeBase kb, String id, String title) {
        kb.create(ADMIN, NewArticle.builder(id).category("Help").visibility(Visibility.PUBLIC).title(title)
                .body(title + " explained.").build());
        kb.publish(ADMIN, ArticleId.of(id), Locale.ENGLISH, 1);
    }

    private static long hits(KnowledgeBase kb, String q) {
        kb.refresh();
        return kb.search(CUSTOMER, SearchRequest.of(q)).totalHits();
    }

    @Test
    void nodeStoppedMidRun_searchFailsFastTyped_writesAreKept_andTheIndexCatchesUpWhenBack() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "outage-kb");
        try (TestNode node = TestNode.startNew("outage")) {
            SearchEngineFactory engine = OpenSearchEngine.builder().hosts(node.url()).indexName("outage")
                    .timeouts(Duration.ofSeconds(1), Duration.ofSeconds(3)).build();
            try (KnowledgeBase kb = KnowledgeBase.builder().directory(dir).searchEngine(engine).requireReview(false)
                    .schedulerInterval(Duration.ZERO).build()) {
                publish(kb, "modem", "Modem reset");
                assertThat(hits(kb, "modem")).isEqualTo(1);

                node.stop();
                long started = System.nanoTime();
                assertThatThrownBy(() -> kb.search(CUSTOMER, SearchRequest.of("modem")))
                        .isInstanceOf(SearchIndexException.class).hasMessageContaining("unreachable");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
                // the store takes the write; the index misses it while the cluster is away
                publish(kb, "router", "Router firmware");
                assertThat(kb.article(ADMIN, ArticleId.of("router")).id().value()).isEqualTo("router");
            }
            node.start();
            try (KnowledgeBase kb = KnowledgeBase.builder().directory(dir).searchEngine(engine).requireReview(false)
                    .schedulerInterval(Duration.ZERO).build()) {
                assertThat(hits(kb, "router")).as("caught up from the change feed").isEqualTo(1);
                assertThat(hits(kb, "modem")).as("kept on the node's data").isEqualTo(1);
            }
        }
    }

    @Test
    void clusterUnreachableAtOpen_failsFastWithATypedError() {
        SearchEngineFactory engine = OpenSearchEngine.builder().hosts("http://127.0.0.1:1").indexName("nowhere")
                .timeouts(Duration.ofMillis(500), Duration.ofSeconds(1)).build();
        long started = System.nanoTime();
        assertThatThrownBy(() -> KnowledgeBase.builder().inMemory().searchEngine(engine).build())
                .isInstanceOf(SearchIndexException.class).hasMessageContaining("unreachable");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aliasOnAnotherMappingVersion_isATypedErrorAtOpen() throws Exception {
        TestNode node = TestNode.shared();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String body = "{\"aliases\":{\"savoir-oldkb\":{}},\"mappings\":{\"_meta\":{\"savoir_mapping_version\":0}}}";
        http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(node.url() + "/savoir-oldkb-v0"))
                .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        SearchEngineFactory engine = OpenSearchEngine.builder().hosts(node.url()).indexName("oldkb").build();
        assertThatThrownBy(() -> KnowledgeBase.builder().inMemory().searchEngine(engine).build())
                .isInstanceOf(SearchIndexException.class).hasMessageContaining("another mapping version");
    }
}
