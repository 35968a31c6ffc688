package dev.savoir.kb.internal.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.SemanticSearchUnavailableException;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.search.ArticleSignals;
import dev.savoir.kb.search.AssistHit;
import dev.savoir.kb.search.EmbeddingProgress;
import dev.savoir.kb.search.Passage;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchMode;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchResponse;
import dev.savoir.kb.search.Suggestion;
import dev.savoir.kb.spi.IndexableArticle;
import dev.savoir.kb.spi.PassageMatch;
import dev.savoir.kb.spi.SearchEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The facade's passages: URLs through the link resolver, argument checks, the engine without a model. */
class PassagesFacadeTest {
    private static final ViewerContext CUSTOMER = ViewerContext.external(Locale.ENGLISH);

    /** An engine that answers passages with what it is given, and records the question it was asked. */
    private static final class PassageEngine implements SearchEngine {
        final @Nullable List<PassageMatch> answer;
        final List<String> questions = new ArrayList<>();

        PassageEngine(@Nullable List<PassageMatch> answer) {
            this.answer = answer;
        }

        @Override
        public List<PassageMatch> passages(String question, int limit, ViewerContext viewer) {
            if (answer == null) {
                return SearchEngine.super.passages(question, limit, viewer);
            }
            questions.add(question);
            return answer.subList(0, Math.min(limit, answer.size()));
        }

        @Override
        public long appliedSequence() {
            return 0;
        }

        @Override
        public void apply(List<IndexableArticle> articles, long sequence) {
        }

        @Override
        public void rebuild(Iterator<IndexableArticle> all, long sequence, LongConsumer progress) {
        }

        @Override
        public void refresh() {
        }

        @Override
        public SearchResponse search(SearchRequest request, ViewerContext viewer) {
            return new SearchResponse(List.of(), 0, true, Map.of(), null, Duration.ZERO);
        }

        @Override
        public List<Suggestion> autocomplete(String prefix, int limit, ViewerContext viewer) {
            return List.of();
        }

        @Override
        public List<SearchHit> related(ArticleId id, int limit, ViewerContext viewer) {
            return List.of();
        }

        @Override
        public List<AssistHit> assist(String subject, String description, int limit, ViewerContext viewer) {
            return List.of();
        }

        @Override
        public void updateSignals(ArticleId id, ArticleSignals signals) {
        }

        @Override
        public void close() {
        }
    }

    private static KnowledgeBase kb(PassageEngine engine) {
        return KnowledgeBase.builder().inMemory().searchEngine(context -> engine)
                .linkResolver((id, locale) -> "/help/" + locale.toLanguageTag() + "/" + id.value()).build();
    }

    @Test
    void passages_carryTheResolvedUrlWithTheHeadingsAnchor() {
        PassageEngine engine = new PassageEngine(List.of(
                new PassageMatch(ArticleId.of("reset"), Locale.FRENCH, 3, "Réinitialiser", "Étapes", "etapes",
                        "Ouvrez le lien.", 0.9f),
                new PassageMatch(ArticleId.of("intro"), Locale.ENGLISH, 1, "Intro", "", "", "Welcome.", 0.5f)));
        try (KnowledgeBase kb = kb(engine)) {
            List<Passage> found = kb.passages(CUSTOMER, "how do I reset", 5);
            assertThat(found).extracting(Passage::url).containsExactly("/help/fr/reset#etapes", "/help/en/intro");
            assertThat(found.getFirst()).isEqualTo(new Passage(ArticleId.of("reset"), Locale.FRENCH, 3,
                    "Réinitialiser", "Étapes", "etapes", "/help/fr/reset#etapes", "Ouvrez le lien.", 0.9f));
            assertThat(kb.passages(CUSTOMER, "x", 1)).hasSize(1);
        }
    }

    @Test
    void passages_cutLongQuestions_andCheckTheirArguments() {
        PassageEngine engine = new PassageEngine(List.of());
        try (KnowledgeBase kb = kb(engine)) {
            kb.passages(CUSTOMER, "q".repeat(5_000), 3);
            assertThat(engine.questions).singleElement()
                    .satisfies(q -> assertThat(q).hasSize(SearchRequest.MAX_QUERY_LENGTH));
            assertThatThrownBy(() -> kb.passages(CUSTOMER, "q", 0)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> kb.passages(CUSTOMER, "q", SearchRequest.MAX_LIMIT + 1))
                    .isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> kb.passages(null, "q", 1)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> kb.passages(CUSTOMER, null, 1)).isInstanceOf(InvalidArgumentException.class);
        }
    }

    @Test
    void anEngineWithoutAModel_refusesPassagesWithATypedError_andReportsEmbeddingDisabled() {
        try (KnowledgeBase kb = kb(new PassageEngine(null))) {
            assertThatThrownBy(() -> kb.passages(CUSTOMER, "reset", 3))
                    .isInstanceOf(SemanticSearchUnavailableException.class)
                    .hasMessageContaining("embedding model");
            assertThat(kb.embeddingProgress()).isEqualTo(EmbeddingProgress.DISABLED);
            assertThat(kb.embeddingProgress().ready()).isTrue();
        }
    }

    @Test
    void requests_carryTheirMode_andDefaultToTheEngines() {
        assertThat(SearchRequest.of("x").mode()).isNull();
        assertThat(SearchRequest.builder("x").mode(SearchMode.HYBRID).build().mode()).isEqualTo(SearchMode.HYBRID);
        assertThat(SearchRequest.of("x").withMode(SearchMode.SEMANTIC).mode()).isEqualTo(SearchMode.SEMANTIC);
        assertThatThrownBy(() -> SearchRequest.builder("x").mode(null)).isInstanceOf(InvalidArgumentException.class);
        assertThat(new PassageEngine(null).defaultMode()).isEqualTo(SearchMode.LEXICAL);
    }
}
