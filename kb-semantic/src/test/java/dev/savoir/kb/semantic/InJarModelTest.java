package dev.savoir.kb.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.query.Query;
import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Role;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.lucene.LuceneSearchEngine;
import dev.savoir.kb.markdown.MarkdownRenderer;
import dev.savoir.kb.search.Passage;
import dev.savoir.kb.search.SearchMode;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.spi.Embedder;
import dev.savoir.kb.spi.tck.SearchEngineContract;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The packaged model on a handful of texts: meaning without shared words, and the retriever's visibility. */
class InJarModelTest {
    private static final Actor ADMIN = Actor.of("admin", Role.ADMIN);
    private static final ViewerContext CUSTOMER = ViewerContext.external(Locale.ENGLISH);
    private static Embedder model;
    private static KnowledgeBase kb;

    @BeforeAll
    static void open() {
        model = InJarModels.allMiniLmL6V2();
        kb = KnowledgeBase.builder().inMemory().requireReview(false).renderer(MarkdownRenderer.create())
                .linkResolver((id, locale) -> "https://help.example/" + id.value())
                .searchEngine(LuceneSearchEngine.builder().embedder(model).build()).build();
        publish("login", Visibility.PUBLIC, "Signing in", "## Forgotten credentials\n\nIf you cannot remember your "
                + "password, use the reset link on the sign-in page; a new one arrives by email.\n\n## Two-factor\n\n"
                + "Enter the code from your authenticator app.");
        publish("shipping", Visibility.PUBLIC, "Delivery times", "Parcels travel three to five working days; "
                + "express delivery arrives the next day.");
        publish("refunds", Visibility.INTERNAL, "Refund overrides", "Agents may refund a parcel that never arrived "
                + "without asking for a photo.");
        SearchEngineContract.awaitEmbeddings(kb);
    }

    private static void publish(String id, Visibility v, String title, String body) {
        kb.create(ADMIN, NewArticle.builder(id).category("Help").visibility(v).title(title).body(body).build());
        kb.publish(ADMIN, ArticleId.of(id), Locale.ENGLISH, 1);
    }

    @AfterAll
    static void close() {
        kb.close();
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void theModel_placesParaphrasesNearer_thanUnrelatedTexts() {
        assertThat(model.dimension()).isEqualTo(384);
        List<float[]> v = model.embed(List.of("How do I change my forgotten password?",
                "Reset your login credentials from the sign-in page", "Parcels are delivered within five days"));
        assertThat(v).allSatisfy(x -> assertThat(x).hasSize(384));
        assertThat(cosine(v.get(0), v.get(1))).isGreaterThan(cosine(v.get(0), v.get(2)));
        assertThat(model.embed(List.of("same text"))).singleElement()
                .satisfies(x -> assertThat(x).containsExactly(model.embed(List.of("same text")).getFirst()));
    }

    @Test
    void passages_findTheSectionByMeaning_withItsAnchorUrl() {
        List<Passage> found = kb.passages(CUSTOMER, "I can't log in, I lost my secret word", 2);
        assertThat(found).isNotEmpty();
        Passage best = found.getFirst();
        assertThat(best.articleId().value()).isEqualTo("login");
        assertThat(best.heading()).isEqualTo("Forgotten credentials");
        assertThat(best.url()).isEqualTo("https://help.example/login#forgotten-credentials");
        SearchRequest r = SearchRequest.builder("when will my package come").mode(SearchMode.SEMANTIC).build();
        assertThat(kb.search(CUSTOMER, r).hits().getFirst().articleId().value()).isEqualTo("shipping");
    }

    @Test
    void theRetriever_givesCitableContent_andKeepsTheViewersVisibility() {
        KnowledgeBaseRetriever customers = KnowledgeBaseRetriever.of(kb, q -> CUSTOMER, 5);
        KnowledgeBaseRetriever agents = KnowledgeBaseRetriever.of(kb, q -> ViewerContext.internal(Locale.ENGLISH), 5);
        Query q = Query.from("my parcel never arrived, can I get my money back?");
        List<Content> forCustomer = customers.retrieve(q);
        assertThat(forCustomer).isNotEmpty().allSatisfy(c ->
                assertThat(c.textSegment().metadata().getString("articleId")).isNotEqualTo("refunds"));
        assertThat(agents.retrieve(q).getFirst().textSegment().metadata().getString("articleId"))
                .isEqualTo("refunds");
        Content first = forCustomer.getFirst();
        assertThat(first.textSegment().metadata().getString("url")).startsWith("https://help.example/");
        assertThat(first.textSegment().metadata().getInteger("revision")).isEqualTo(1);
        assertThatThrownBy(() -> KnowledgeBaseRetriever.of(kb, x -> CUSTOMER, 0))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> OnnxEmbedder.of(Path.of("missing.onnx"), Path.of("tokenizer.json"),
                OnnxEmbedder.Pooling.MEAN, "x", "")).isInstanceOf(InvalidArgumentException.class);
    }
}
