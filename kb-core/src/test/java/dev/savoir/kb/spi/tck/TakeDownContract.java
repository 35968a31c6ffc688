package dev.savoir.kb.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.MutableClock;
import dev.savoir.kb.MetadataChange;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Role;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.policy.StalePolicy;
import dev.savoir.kb.search.FacetCount;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchResponse;
import dev.savoir.kb.search.Suggestion;
import dev.savoir.kb.spi.SearchEngineFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * The take-down probe of the search engine conformance kit: a change that narrows what a customer may see is in force
 * on every read path when the facade's call returns, without {@code refresh()}, whatever the engine's refresh
 * interval: hits, totals, facet counts, spelling suggestions and autocomplete titles. An engine runs it by
 * subclassing and implementing {@link #engineFactory()}, configured with a long refresh interval (a minute, say) so
 * that the probe cannot pass by waiting for a periodic refresh.
 */
public abstract class TakeDownContract {
    private static final Actor ADMIN = Actor.of("tck-admin", Role.ADMIN);
    private static final Locale EN = Locale.ENGLISH;
    private static final ViewerContext CUSTOMER_EN = ViewerContext.external(EN);
    private static final ViewerContext AGENT_EN = ViewerContext.internal(EN);
    private static final ArticleId ID = ArticleId.of("zorblax-refunds");

    /** The engine under test, with a long refresh interval (a minute, say). */
    protected abstract SearchEngineFactory engineFactory();

    private KnowledgeBase kb() {
        return KnowledgeBase.builder().requireReview(false).schedulerInterval(Duration.ZERO).inMemory()
                .searchEngine(engineFactory()).build();
    }

    private static void publish(KnowledgeBase kb, NewArticle spec) {
        kb.create(ADMIN, spec);
        kb.publish(ADMIN, spec.id(), spec.sourceLocale(), 1);
    }

    private static void publishZorblax(KnowledgeBase kb) {
        publish(kb, NewArticle.builder(ID.value()).category("Billing > Refunds")
                .visibility(Visibility.PUBLIC).tags("refunds").title("Zorblax refunds")
                .body("Zorblax refunds arrive within five days.").build());
        kb.refresh();
    }

    private static SearchResponse search(KnowledgeBase kb, ViewerContext viewer) {
        return kb.search(viewer, SearchRequest.builder("zorblax").facets(SearchRequest.Facet.TAG,
                SearchRequest.Facet.CATEGORY).build());
    }

    private static void assertSeen(KnowledgeBase kb, ViewerContext viewer) {
        SearchResponse r = search(kb, viewer);
        assertThat(r.hits()).extracting(h -> h.articleId()).containsExactly(ID);
        assertThat(r.totalHits()).isEqualTo(1);
        assertThat(r.facets().get(SearchRequest.Facet.TAG)).extracting(FacetCount::value, FacetCount::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("refunds", 1L));
        assertThat(kb.autocomplete(viewer, "zorbl", 10)).extracting(Suggestion::text).contains("Zorblax refunds");
        assertThat(kb.search(viewer, SearchRequest.builder("zorblix").build()).didYouMean()).as("did you mean")
                .isEqualTo("zorblax");
    }

    private static void assertGone(KnowledgeBase kb, ViewerContext viewer) {
        SearchResponse r = search(kb, viewer);
        assertThat(r.hits()).as("hits").isEmpty();
        assertThat(r.totalHits()).as("total").isZero();
        assertThat(r.facets().values()).as("facet counts").allSatisfy(counts -> assertThat(counts).isEmpty());
        assertThat(kb.autocomplete(viewer, "zorbl", 10)).as("autocomplete").extracting(Suggestion::text)
                .doesNotContain("Zorblax refunds");
        assertThat(kb.search(viewer, SearchRequest.builder("zorblix").build()).didYouMean()).as("did you mean")
                .isNotEqualTo("zorblax");
    }

    private void takeDown(BiConsumer<KnowledgeBase, Long> change, ViewerContext viewer) {
        try (KnowledgeBase kb = kb()) {
            publishZorblax(kb);
            assertSeen(kb, viewer);
            change.accept(kb, kb.article(ADMIN, ID).version());
            assertGone(kb, viewer);
        }
    }

    @Test
    protected void unpublish_isInForceWhenTheCallReturns() {
        takeDown((kb, v) -> kb.unpublish(ADMIN, ID, EN), CUSTOMER_EN);
    }

    @Test
    protected void archive_isInForceWhenTheCallReturns() {
        takeDown((kb, v) -> kb.archive(ADMIN, ID, EN), CUSTOMER_EN);
    }

    @Test
    protected void visibilityNarrowedToInternal_isInForceWhenTheCallReturns() {
        takeDown((kb, v) -> kb.updateMetadata(ADMIN, ID, v, MetadataChange.none().withVisibility(Visibility.INTERNAL)),
                CUSTOMER_EN);
    }

    @Test
    protected void visibilityNarrowedToASegment_isInForceWhenTheCallReturns() {
        takeDown((kb, v) -> kb.updateMetadata(ADMIN, ID, v,
                MetadataChange.none().withVisibility(Visibility.segments("partners"))), CUSTOMER_EN);
    }

    @Test
    protected void publishingARevisionThatRemovesTheWord_isInForceWhenTheCallReturns() {
        takeDown((kb, v) -> {
            Revision r2 = kb.edit(ADMIN, ID, EN, 1, ArticleContent.of("Refunds", "Refunds arrive within five days."),
                    "drop the product name");
            kb.publish(ADMIN, ID, EN, r2.number());
        }, CUSTOMER_EN);
    }

    @Test
    protected void removingATag_updatesFacetCountsWhenTheCallReturns() {
        try (KnowledgeBase kb = kb()) {
            publishZorblax(kb);
            assertSeen(kb, CUSTOMER_EN);
            kb.updateMetadata(ADMIN, ID, kb.article(ADMIN, ID).version(),
                    MetadataChange.none().withTags(Set.of("billing")));
            assertThat(search(kb, CUSTOMER_EN).facets().get(SearchRequest.Facet.TAG))
                    .extracting(FacetCount::value).containsExactly("billing");
        }
    }

    @Test
    protected void reviewDatePassing_hidesAStaleArticleFromCustomersAtOnce_underHideFromExternal() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
        try (KnowledgeBase kb = KnowledgeBase.builder().requireReview(false).schedulerInterval(Duration.ZERO).inMemory()
                .clock(clock).stalePolicy(StalePolicy.HIDE_FROM_EXTERNAL).searchEngine(engineFactory()).build()) {
            publish(kb, NewArticle.builder(ID.value()).category("Billing > Refunds")
                    .visibility(Visibility.PUBLIC).tags("refunds").title("Zorblax refunds")
                    .body("Zorblax refunds arrive within five days.").reviewInterval(Duration.ofDays(30)).build());
            kb.refresh();
            assertSeen(kb, CUSTOMER_EN);
            clock.advance(Duration.ofDays(31));
            assertGone(kb, CUSTOMER_EN);
            assertThat(search(kb, AGENT_EN).hits()).as("agents still see it, flagged").hasSize(1);
        }
    }

    @Test
    protected void editingADraftOfAPublishedArticle_keepsServingThePublishedRevision() {
        try (KnowledgeBase kb = kb()) {
            publishZorblax(kb);
            kb.edit(ADMIN, ID, EN, 1, ArticleContent.of("Refunds", "Nothing about the product."), "draft");
            assertSeen(kb, CUSTOMER_EN);
            assertThat(List.of(kb.read(CUSTOMER_EN, ID).orElseThrow().revision())).containsExactly(1);
        }
    }
}
