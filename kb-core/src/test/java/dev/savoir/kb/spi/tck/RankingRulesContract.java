package dev.savoir.kb.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Role;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.search.FacetCount;
import dev.savoir.kb.search.PromotionRule;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchResponse;
import dev.savoir.kb.search.SynonymProvider;
import dev.savoir.kb.spi.SearchEngineFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The ranking-rules probe of the search engine conformance kit: host pins, promotions, blocks and synonyms give the
 * same exact answers on every engine. A pinned article the viewer may see comes first, in rule order, whatever the
 * words; a pin never shows an article the viewer may not see; a block takes the article out of hits, totals and
 * facets and beats a pin; a pin outside the request's filters is not shown; a rule applies only to its locale,
 * audience and time window; a promotion multiplies the score; a host synonym matches as a word or a phrase; rules and
 * synonyms are asked at every search, and a failing rule source leaves search working. An engine runs it by
 * subclassing and implementing {@link #engineFactory}, passing the two providers to its builder unchanged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RankingRulesContract {
    private static final Actor ADMIN = Actor.of("tck-admin", Role.ADMIN);
    private static final Locale EN = Locale.ENGLISH;
    private static final ViewerContext CUSTOMER = ViewerContext.external(EN);
    private static final ViewerContext AGENT = ViewerContext.internal(EN);
    private static final ArticleId SETUP = ArticleId.of("printer-setup");
    private static final ArticleId OFFLINE = ArticleId.of("printer-offline");
    private static final ArticleId FIRMWARE = ArticleId.of("printer-firmware");
    private static final ArticleId CONTACT = ArticleId.of("contact");
    private static final ArticleId INVOICE = ArticleId.of("invoice");
    private static final ArticleId LEDGER = ArticleId.of("monthly-ledger");
    private static final ArticleId PARTS = ArticleId.of("parts-ledger");

    private volatile Supplier<List<PromotionRule>> rules = List::of;
    private volatile SynonymProvider synonyms = SynonymProvider.NONE;
    private KnowledgeBase kb;

    /** The engine under test, with these rules and synonyms (both asked at every search). */
    protected abstract SearchEngineFactory engineFactory(Supplier<List<PromotionRule>> rules,
                                                         SynonymProvider synonyms);

    @BeforeAll
    void openKnowledgeBase() {
        kb = KnowledgeBase.builder().requireReview(false).schedulerInterval(Duration.ZERO).inMemory()
                .searchEngine(engineFactory(() -> rules.get(), (l, w) -> synonyms.synonyms(l, w))).build();
        publish(NewArticle.builder(SETUP.value()).visibility(Visibility.PUBLIC).tags("printers").category("Hardware > Printers")
                .title("Printer setup").body("Connect the printer to the office network.").build());
        publish(NewArticle.builder(OFFLINE.value()).visibility(Visibility.PUBLIC).tags("printers").category("Hardware > Printers")
                .title("Printer offline").body("When the printer shows offline, restart the printer.").build());
        publish(NewArticle.builder(FIRMWARE.value()).visibility(Visibility.INTERNAL).tags("printers").category("Hardware > Printers")
                .title("Printer firmware for staff").body("Flash the printer firmware from the admin page.").build());
        publish(NewArticle.builder(CONTACT.value()).visibility(Visibility.PUBLIC).tags("support").category("Support")
                .title("Contact support").body("Call us on weekdays.").build());
        publish(NewArticle.builder(INVOICE.value()).visibility(Visibility.PUBLIC).tags("payments").category("Finance")
                .title("Download an invoice").body("Each invoice is a PDF you can download.").build());
        publish(NewArticle.builder(LEDGER.value()).visibility(Visibility.PUBLIC).tags("payments").category("Finance")
                .title("Charges").body("The monthly ledger lists your charges.").build());
        publish(NewArticle.builder(PARTS.value()).visibility(Visibility.PUBLIC).tags("payments").category("Finance")
                .title("Spare parts").body("A ledger of spare parts, updated monthly.").build());
        kb.refresh();
    }

    @AfterAll
    void closeKnowledgeBase() {
        if (kb != null) {
            kb.close();
        }
    }

    @BeforeEach
    void noRules() {
        rules = List::of;
        synonyms = SynonymProvider.NONE;
    }

    private void publish(NewArticle spec) {
        kb.create(ADMIN, spec);
        kb.publish(ADMIN, spec.id(), spec.sourceLocale(), 1);
    }

    private void rules(PromotionRule... r) {
        List<PromotionRule> fixed = List.of(r);
        rules = () -> fixed;
    }

    private SearchResponse search(ViewerContext viewer, String query) {
        return kb.search(viewer, SearchRequest.builder(query).facets(SearchRequest.Facet.TAG).limit(10).build());
    }

    private static List<ArticleId> ids(SearchResponse r) {
        return r.hits().stream().map(SearchHit::articleId).toList();
    }

    @Test
    protected void withoutRules_theWordsAlone() {
        SearchResponse r = search(CUSTOMER, "printer");
        assertThat(ids(r)).containsExactlyInAnyOrder(SETUP, OFFLINE);
        assertThat(r.totalHits()).isEqualTo(2);
    }

    @Test
    protected void pins_comeFirstInRuleOrder_whateverTheWords_andCountInTotalsAndFacets() {
        rules(PromotionRule.pin("printer", CONTACT), PromotionRule.pin("Printer!", OFFLINE),
                PromotionRule.pin("invoice", INVOICE));
        SearchResponse r = search(CUSTOMER, "  PRINTER ");
        assertThat(ids(r)).containsExactly(CONTACT, OFFLINE, SETUP);
        assertThat(r.totalHits()).isEqualTo(3);
        assertThat(r.facets().get(SearchRequest.Facet.TAG)).extracting(FacetCount::value, FacetCount::count)
                .containsExactly(tuple("printers", 2L), tuple("support", 1L));
    }

    @Test
    protected void pinOfAnArticleTheViewerMayNotSee_neverShowsIt() {
        rules(PromotionRule.pin("printer", FIRMWARE), PromotionRule.pin("printer", CONTACT));
        SearchResponse customer = search(CUSTOMER, "printer");
        assertThat(ids(customer)).doesNotContain(FIRMWARE).hasSize(3).first().isEqualTo(CONTACT);
        assertThat(customer.totalHits()).isEqualTo(3);
        assertThat(customer.facets().get(SearchRequest.Facet.TAG)).extracting(FacetCount::value, FacetCount::count)
                .containsExactly(tuple("printers", 2L), tuple("support", 1L));
        SearchResponse agent = search(AGENT, "printer");
        assertThat(ids(agent)).hasSize(4).startsWith(FIRMWARE, CONTACT);
        assertThat(agent.totalHits()).isEqualTo(4);
    }

    @Test
    protected void pinOutsideTheRequestsFilters_isNotShown() {
        rules(PromotionRule.pin("printer", CONTACT), PromotionRule.pin("printer", OFFLINE));
        SearchResponse r = kb.search(CUSTOMER, SearchRequest.builder("printer").category("Hardware").category("Hardware > Printers")
                .facets(SearchRequest.Facet.TAG).limit(10).build());
        assertThat(ids(r)).containsExactly(OFFLINE, SETUP);
        assertThat(r.totalHits()).isEqualTo(2);
        assertThat(r.facets().get(SearchRequest.Facet.TAG)).extracting(FacetCount::value, FacetCount::count)
                .containsExactly(tuple("printers", 2L));
    }

    @Test
    protected void ruleOutsideItsTimeWindow_doesNothing() {
        Instant now = Instant.now();
        rules(PromotionRule.block("printer", SETUP).during(now.minus(Duration.ofDays(20)),
                        now.minus(Duration.ofDays(10))),
                PromotionRule.pin("printer", CONTACT).during(now.plus(Duration.ofDays(10)), null));
        SearchResponse r = search(CUSTOMER, "printer");
        assertThat(ids(r)).containsExactlyInAnyOrder(SETUP, OFFLINE);
        assertThat(r.totalHits()).isEqualTo(2);
        rules(PromotionRule.block("printer", SETUP).during(now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(1))));
        assertThat(ids(search(CUSTOMER, "printer"))).as("inside its window").containsExactly(OFFLINE);
    }

    @Test
    protected void blocks_leaveHitsTotalsAndFacets_andBeatPins() {
        rules(PromotionRule.block("printer", SETUP), PromotionRule.pin("printer", CONTACT),
                PromotionRule.block("printer", CONTACT));
        SearchResponse r = search(CUSTOMER, "printer");
        assertThat(ids(r)).containsExactly(OFFLINE);
        assertThat(r.totalHits()).isEqualTo(1);
        assertThat(r.facets().get(SearchRequest.Facet.TAG)).extracting(FacetCount::value, FacetCount::count)
                .containsExactly(tuple("printers", 1L));
        assertThat(ids(search(CUSTOMER, "printer setup"))).as("another query").contains(SETUP);
    }

    @Test
    protected void rulesForAnAudienceOrAnotherLocale_applyOnlyThere() {
        rules(PromotionRule.block("printer", SETUP).forAudience(PromotionRule.Audience.INTERNAL),
                PromotionRule.block("printer", OFFLINE).forLocale(Locale.FRENCH));
        assertThat(ids(search(CUSTOMER, "printer"))).containsExactlyInAnyOrder(SETUP, OFFLINE);
        assertThat(ids(search(AGENT, "printer"))).containsExactlyInAnyOrder(OFFLINE, FIRMWARE);
    }

    @Test
    protected void promotion_multipliesTheScore_andIsAskedAtEverySearch() {
        List<ArticleId> before = ids(search(CUSTOMER, "printer"));
        assertThat(before).hasSize(2);
        ArticleId second = before.get(1);
        rules(PromotionRule.promote("printer", second, 1000f));
        SearchResponse r = search(CUSTOMER, "printer");
        assertThat(ids(r)).containsExactly(second, before.get(0));
        assertThat(r.totalHits()).isEqualTo(2);
        assertThat(r.hits().get(0).score()).isGreaterThan(r.hits().get(1).score() * 10);
    }

    @Test
    protected void aFailingRuleSource_searchesWithoutRules() {
        rules = () -> {
            throw new IllegalStateException("rule store down");
        };
        SearchResponse r = search(CUSTOMER, "printer");
        assertThat(ids(r)).containsExactlyInAnyOrder(SETUP, OFFLINE);
        assertThat(r.totalHits()).isEqualTo(2);
    }

    @Test
    protected void synonyms_matchAWord_inTheViewersLanguage() {
        assertThat(ids(search(CUSTOMER, "bill"))).isEmpty();
        synonyms = (locale, word) -> locale.getLanguage().equals("en") && word.equals("bill")
                ? List.of("invoice") : List.of();
        SearchResponse r = search(CUSTOMER, "Bill");
        assertThat(ids(r)).containsExactly(INVOICE);
        assertThat(r.totalHits()).isEqualTo(1);
        assertThat(ids(search(ViewerContext.external(Locale.GERMAN), "bill"))).as("another language").isEmpty();
    }

    @Test
    protected void aSynonymOfSeveralWords_matchesAsAPhrase() {
        synonyms = (locale, word) -> word.equals("account") ? List.of("monthly ledger") : List.of();
        SearchResponse r = search(CUSTOMER, "account");
        assertThat(ids(r)).containsExactly(LEDGER);
        assertThat(r.totalHits()).isEqualTo(1);
    }

    @Test
    protected void aFailingSynonymProvider_searchesWithoutSynonyms() {
        synonyms = (locale, word) -> {
            throw new IllegalStateException("thesaurus down");
        };
        assertThat(ids(search(CUSTOMER, "invoice"))).containsExactly(INVOICE);
    }
}
