package dev.savoir.kb.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.KbException;
import dev.savoir.kb.RenderedArticle;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.policy.StalePolicy;
import dev.savoir.kb.search.PromotionRule;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.spi.BodyAnalysis;
import dev.savoir.kb.spi.ContentRenderer;
import dev.savoir.kb.spi.RenderContext;
import dev.savoir.kb.spi.SearchEngine;
import dev.savoir.kb.spi.SearchEngineContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Everything public in kb-lucene fails with a typed {@link KbException} that names what was wrong. */
class TypedErrorsTest {
    private static final ViewerContext CUSTOMER = ViewerContext.external(Locale.ENGLISH);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    private SearchEngine openInMemory() {
        ContentRenderer renderer = new ContentRenderer() {
            @Override
            public BodyAnalysis analyze(String markdown) {
                return new BodyAnalysis(markdown, List.of(), List.of());
            }

            @Override
            public RenderedArticle.Html render(String markdown, RenderContext context) {
                return new RenderedArticle.Html(markdown, List.of());
            }
        };
        return LuceneSearchEngine.factory().open(new SearchEngineContext(null,
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), Locale.ENGLISH,
                StalePolicy.FLAG, renderer, scheduler));
    }

    @Test
    void builder_valueOutOfRange_namesTheParameter() {
        assertThatThrownBy(() -> LuceneSearchEngine.builder().indexingThreads(0))
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.parameter())
                        .isEqualTo("threads"));
        assertThatThrownBy(() -> LuceneSearchEngine.builder().bm25(1.2f, 2f))
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.parameter())
                        .isEqualTo("b"));
        assertThatThrownBy(() -> LuceneSearchEngine.builder().refreshInterval(Duration.ofMinutes(5)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("60 s");
    }

    @Test
    void builder_nullArgument_isRefusedTyped() {
        assertThatThrownBy(() -> LuceneSearchEngine.builder().synonyms(null))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> LuceneSearchEngine.builder().halfLives(null, Duration.ofDays(1)))
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.parameter())
                        .isEqualTo("popularity"));
    }

    @Test
    void builder_optionSetTwice_namesTheOption() {
        LuceneSearchEngine.Builder b = LuceneSearchEngine.builder().phraseWeight(0.2f);
        assertThatThrownBy(() -> b.phraseWeight(0.3f))
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.parameter())
                        .isEqualTo("phraseWeight"))
                .hasMessageContaining("already set");
    }

    @Test
    void promotionRule_badBoost_namesTheParameter() {
        assertThatThrownBy(() -> PromotionRule.promote("printer", ArticleId.of("a"), 0.5f))
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.parameter())
                        .isEqualTo("boost"));
        assertThatThrownBy(() -> PromotionRule.pin(" ", ArticleId.of("a")))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void engine_limitsOutOfRange_areRefusedTyped() {
        try (SearchEngine engine = openInMemory()) {
            assertThatThrownBy(() -> engine.autocomplete("pri", SearchRequest.MAX_AUTOCOMPLETE + 1, CUSTOMER))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("50");
            assertThat(engine.autocomplete("pri", SearchRequest.MAX_AUTOCOMPLETE, CUSTOMER)).isEmpty();
            assertThatThrownBy(() -> engine.related(ArticleId.of("a"), 0, CUSTOMER))
                    .isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> engine.assist("s", "d", SearchRequest.MAX_LIMIT + 1, CUSTOMER))
                    .isInstanceOf(InvalidArgumentException.class);
        }
    }

    @Test
    void engine_closed_saysSoTyped() {
        SearchEngine engine = openInMemory();
        engine.close();
        engine.close();
        assertThatThrownBy(() -> engine.search(SearchRequest.builder("printer").build(), CUSTOMER))
                .isExactlyInstanceOf(KbException.class).hasMessageContaining("closed");
        assertThatThrownBy(engine::refresh).isExactlyInstanceOf(KbException.class);
        assertThatThrownBy(() -> engine.apply(List.of(), 1)).isExactlyInstanceOf(KbException.class);
    }
}
