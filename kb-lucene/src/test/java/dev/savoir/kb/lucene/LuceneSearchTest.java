package dev.savoir.kb.lucene;

import static dev.savoir.kb.lucene.Fixtures.ADMIN;
import static dev.savoir.kb.lucene.Fixtures.AGENT_EN;
import static dev.savoir.kb.lucene.Fixtures.CUSTOMER_EN;
import static dev.savoir.kb.lucene.Fixtures.CUSTOMER_FR;
import static dev.savoir.kb.lucene.Fixtures.ids;
import static dev.savoir.kb.lucene.Fixtures.publish;
import static dev.savoir.kb.lucene.Fixtures.publishTranslation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleType;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.PermissionDeniedException;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.search.FacetCount;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchRequest.Facet;
import dev.savoir.kb.search.SearchResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class LuceneSearchTest {
    private final KnowledgeBase kb = Fixtures.inMemory();

    @AfterEach
    void close() {
        kb.close();
    }

    @Test
    void totals_beyondTheExactLimit_areALowerBoundUnlessCountedOrFaceted() {
        int n = SearchRequest.EXACT_TOTAL_UP_TO + 300;
        for (int i = 0; i < n; i++) {
            publish(kb, "a" + i, Locale.ENGLISH, Visibility.PUBLIC, "Invoice " + i,
                    "How to read invoice number " + i + (i % 7 == 0 ? " and pay the invoice" : "") + ".");
        }
        publish(kb, "hidden", Locale.ENGLISH, Visibility.INTERNAL, "Invoice internal", "Invoice notes.");
        kb.refresh();
        SearchResponse ranked = kb.search(CUSTOMER_EN, SearchRequest.of("invoice"));
        SearchResponse counted = kb.search(CUSTOMER_EN, SearchRequest.builder("invoice").exactTotal(true).build());
        SearchResponse faceted = kb.search(CUSTOMER_EN, SearchRequest.builder("invoice").facets(Facet.TYPE).build());

        assertThat(ranked.totalHitsExact()).isFalse();
        assertThat(ranked.totalHits()).isBetween((long) SearchRequest.EXACT_TOTAL_UP_TO, (long) n);
        assertThat(counted.totalHitsExact()).isTrue();
        assertThat(counted.totalHits()).isEqualTo(n);
        assertThat(faceted.totalHitsExact()).isTrue();
        assertThat(faceted.totalHits()).isEqualTo(n);
        assertThat(faceted.facet(Facet.TYPE)).extracting(FacetCount::count).containsExactly((long) n);
        // Skipping never changes the page: the same hits, in the same order, as the fully counted searches.
        assertThat(ranked.hits()).extracting(h -> h.articleId().value()).containsExactlyElementsOf(
                counted.hits().stream().map(h -> h.articleId().value()).toList());
        assertThat(ranked.hits()).extracting(SearchHit::score).containsExactlyElementsOf(
                faceted.hits().stream().map(SearchHit::score).toList());
        SearchResponse few = kb.search(CUSTOMER_EN, SearchRequest.of("pay"));
        assertThat(few.totalHitsExact()).isTrue();
        assertThat(few.totalHits()).isEqualTo((n + 6) / 7);
    }

    @Test
    void search_unaccentedWord_findsAccentedFrench() {
        publish(kb, "team", Locale.FRENCH, Visibility.PUBLIC, "Gérer votre équipe", "Ajoutez des membres à l'équipe.");
        assertThat(ids(kb, CUSTOMER_FR, "equipe")).containsExactly("team");
        assertThat(ids(kb, CUSTOMER_FR, "ÉQUIPES")).containsExactly("team");
    }

    @Test
    void search_frenchWithoutAccentsOrArticles_findsTitle() {
        publish(kb, "reset", Locale.FRENCH, Visibility.PUBLIC, "Réinitialiser votre mot de passe",
                "Cliquez sur « Mot de passe oublié » dans l'écran de connexion.");
        publish(kb, "other", Locale.FRENCH, Visibility.PUBLIC, "Changer d'adresse", "Modifiez l'adresse de livraison.");
        assertThat(ids(kb, CUSTOMER_FR, "reinitialiser mot de passe")).first().isEqualTo("reset");
        assertThat(ids(kb, CUSTOMER_FR, "adresse")).containsExactly("other");
    }

    @Test
    void search_elision_matchesWordAfterApostrophe() {
        publish(kb, "cart", Locale.FRENCH, Visibility.PUBLIC, "Panier", "Vider l'historique d'achats.");
        assertThat(ids(kb, CUSTOMER_FR, "historique achat")).containsExactly("cart");
    }

    @Test
    void search_germanAndSpanish_foldAndStem() {
        publish(kb, "de", Locale.GERMAN, Visibility.PUBLIC, "Passwörter zurücksetzen", "Rechnungen herunterladen");
        publish(kb, "es", Locale.forLanguageTag("es"), Visibility.PUBLIC, "Facturación", "Descargar las facturas");
        assertThat(ids(kb, ViewerContext.external(Locale.GERMAN), "passwort zurucksetzen")).containsExactly("de");
        assertThat(ids(kb, ViewerContext.external(Locale.forLanguageTag("es")), "factura")).containsExactly("es");
    }

    @Test
    void search_typo_findsArticleBelowExactMatch() {
        publish(kb, "exact", Locale.ENGLISH, Visibility.PUBLIC, "Invoice settings", "Change how an invoice looks.");
        publish(kb, "typo", Locale.ENGLISH, Visibility.PUBLIC, "Invoise settings", "Change how an invoise looks.");
        publish(kb, "unrelated", Locale.ENGLISH, Visibility.PUBLIC, "Shipping", "Where is my parcel.");
        assertThat(ids(kb, CUSTOMER_EN, "invoice")).containsExactly("exact", "typo");
        assertThat(ids(kb, CUSTOMER_EN, "passwrod")).isEmpty();
    }

    @Test
    void search_typoInRareWord_findsArticle() {
        publish(kb, "pw", Locale.ENGLISH, Visibility.PUBLIC, "Reset your password", "Use the forgotten password link.");
        assertThat(ids(kb, CUSTOMER_EN, "pasword reset")).containsExactly("pw");
    }

    @Test
    void search_internalArticle_neverReachesExternalViewers() {
        publish(kb, "pub", Locale.ENGLISH, Visibility.PUBLIC, "Refund policy", "Refunds within 30 days.");
        publish(kb, "int", Locale.ENGLISH, Visibility.INTERNAL, "Refund override secret",
                "Agents can override refunds with code zebra.");
        publish(kb, "seg", Locale.ENGLISH, Visibility.segments("partners"), "Partner refunds", "Partner refund rules.");
        assertThat(ids(kb, CUSTOMER_EN, "refund")).containsExactly("pub");
        assertThat(ids(kb, CUSTOMER_EN, "zebra")).isEmpty();
        assertThat(ids(kb, ViewerContext.external(Locale.ENGLISH, "partners"), "refund"))
                .containsExactlyInAnyOrder("pub", "seg");
        assertThat(ids(kb, AGENT_EN, "refund")).containsExactlyInAnyOrder("pub", "int", "seg");
        SearchResponse r = kb.search(CUSTOMER_EN, SearchRequest.builder("refund").facets(Facet.values()).build());
        assertThat(r.totalHits()).isEqualTo(1);
        assertThat(r.facet(Facet.TYPE)).containsExactly(new FacetCount("faq", 1));
        assertThat(r.hits()).allSatisfy(h -> assertThat(h.snippet()).doesNotContain("zebra", "override"));
        assertThat(r.didYouMean()).isNull();
        SearchResponse zebra = kb.search(CUSTOMER_EN, SearchRequest.of("zebre"));
        assertThat(zebra.didYouMean()).isNull();
    }

    @Test
    void search_draftText_neverReachesReaders() {
        publish(kb, "a", Locale.ENGLISH, Visibility.PUBLIC, "Delivery times", "Parcels arrive in three days.");
        kb.edit(ADMIN, ArticleId.of("a"), Locale.ENGLISH, 1,
                ArticleContent.of("Delivery times", "Parcels arrive in three days. Unannounced walrus discount."), "");
        assertThat(ids(kb, CUSTOMER_EN, "walrus")).isEmpty();
        assertThat(ids(kb, AGENT_EN, "walrus")).isEmpty();
        List<SearchHit> drafts = Fixtures.hits(kb, AGENT_EN, SearchRequest.builder("walrus").includeDrafts(true)
                .build());
        assertThat(drafts).singleElement().satisfies(h -> {
            assertThat(h.draft()).isTrue();
            assertThat(h.revision()).isEqualTo(2);
        });
        List<SearchHit> pub = Fixtures.hits(kb, CUSTOMER_EN, SearchRequest.of("parcels"));
        assertThat(pub).singleElement().satisfies(h -> {
            assertThat(h.revision()).isEqualTo(1);
            assertThat(h.snippet()).doesNotContain("walrus");
        });
        assertThat(kb.autocomplete(CUSTOMER_EN, "deliv", 5)).hasSize(1);
        assertThatThrownBy(() -> kb.search(CUSTOMER_EN, SearchRequest.builder("walrus").includeDrafts(true).build()))
                .isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void search_localeFallback_returnsNearestTranslationOnce() {
        publish(kb, "both", Locale.ENGLISH, Visibility.PUBLIC, "Billing address", "Change the billing address.");
        publishTranslation(kb, "both", Locale.FRENCH, "Adresse de facturation", "Changer l'adresse de facturation.");
        publish(kb, "enonly", Locale.ENGLISH, Visibility.PUBLIC, "Address book", "Your saved address list.");
        ViewerContext canadian = ViewerContext.external(Locale.forLanguageTag("fr-CA"));
        kb.refresh();
        List<SearchHit> hits = kb.search(canadian, SearchRequest.of("adresse address")).hits();
        assertThat(hits).extracting(h -> h.articleId().value()).containsExactlyInAnyOrder("both", "enonly");
        assertThat(hits).filteredOn(h -> h.articleId().value().equals("both"))
                .singleElement().extracting(SearchHit::locale).isEqualTo(Locale.FRENCH);
        SearchResponse r = kb.search(canadian, SearchRequest.builder("address adresse").facets(Facet.LOCALE).build());
        assertThat(r.totalHits()).isEqualTo(2);
        assertThat(r.facet(Facet.LOCALE)).containsExactlyInAnyOrder(new FacetCount("fr", 1), new FacetCount("en", 1));
    }

    @Test
    void search_filtersAndFacets_countOnlyMatches() {
        publish(kb, NewArticle.builder("a").category("Billing > Invoices").type(ArticleType.HOW_TO).tags("pdf")
                .attribute("product", "pro").visibility(Visibility.PUBLIC).title("Download an invoice")
                .body("Invoices can be downloaded as PDF.").build());
        publish(kb, NewArticle.builder("b").category("Billing > Refunds").type(ArticleType.FAQ).tags("money")
                .visibility(Visibility.PUBLIC).title("Invoice refunds").body("Refund an invoice.").build());
        publish(kb, NewArticle.builder("c").category("Account").type(ArticleType.FAQ)
                .visibility(Visibility.PUBLIC).title("Invoice email").body("Where invoices are emailed.").build());
        kb.refresh();
        SearchResponse all = kb.search(CUSTOMER_EN, SearchRequest.builder("invoice").facets(Facet.CATEGORY, Facet.TAG,
                Facet.TYPE).build());
        assertThat(all.totalHits()).isEqualTo(3);
        assertThat(all.facet(Facet.CATEGORY)).contains(new FacetCount("Billing", 2),
                new FacetCount("Billing > Invoices", 1), new FacetCount("Account", 1));
        assertThat(all.facet(Facet.TYPE)).containsExactly(new FacetCount("faq", 2), new FacetCount("how-to", 1));
        assertThat(ids(kb, CUSTOMER_EN, "invoice")).hasSize(3);
        assertThat(kb.search(CUSTOMER_EN, SearchRequest.builder("invoice").category("Billing").build()).hits())
                .extracting(h -> h.articleId().value()).containsExactlyInAnyOrder("a", "b");
        assertThat(kb.search(CUSTOMER_EN, SearchRequest.builder("invoice").tags("pdf").build()).totalHits())
                .isEqualTo(1);
        assertThat(kb.search(CUSTOMER_EN, SearchRequest.builder("invoice").types(ArticleType.FAQ).build())
                .totalHits()).isEqualTo(2);
        assertThat(kb.search(CUSTOMER_EN, SearchRequest.builder("invoice").attribute("product", "pro").build())
                .totalHits()).isEqualTo(1);
        assertThat(kb.search(CUSTOMER_EN, SearchRequest.builder("").category("Account").build()).totalHits())
                .isEqualTo(1);
    }

    @Test
    void search_snippet_highlightsMatchedWords() {
        publish(kb, "a", Locale.ENGLISH, Visibility.PUBLIC, "Exports",
                "Lorem ipsum dolor sit amet. ".repeat(30) + "You can export reports as spreadsheets. "
                        + "Consectetur adipiscing elit. ".repeat(30));
        SearchHit h = Fixtures.hits(kb, CUSTOMER_EN, SearchRequest.of("spreadsheet")).getFirst();
        assertThat(h.snippet()).contains("spreadsheets").hasSizeLessThan(230);
        assertThat(h.highlights()).singleElement().satisfies(r ->
                assertThat(h.snippet().substring(r.start(), r.end())).isEqualTo("spreadsheets"));
        SearchHit t = Fixtures.hits(kb, CUSTOMER_EN, SearchRequest.of("export")).getFirst();
        assertThat(t.titleHighlights()).singleElement().satisfies(r ->
                assertThat(t.title().substring(r.start(), r.end())).isEqualTo("Exports"));
    }

    @Test
    void search_quotedPhraseAndExclusion_areHonoured() {
        publish(kb, "a", Locale.ENGLISH, Visibility.PUBLIC, "Credit card payment", "Pay by credit card.");
        publish(kb, "b", Locale.ENGLISH, Visibility.PUBLIC, "Card game credit", "Credit for the card game.");
        assertThat(ids(kb, CUSTOMER_EN, "\"credit card\"")).containsExactly("a");
        assertThat(ids(kb, CUSTOMER_EN, "credit -game")).containsExactly("a");
        assertThat(ids(kb, CUSTOMER_EN, "-game")).containsExactly("a");
        assertThat(ids(kb, CUSTOMER_EN, "")).containsExactlyInAnyOrder("a", "b");
        assertThat(ids(kb, CUSTOMER_EN, "*")).isEmpty();
        assertThat(ids(kb, CUSTOMER_EN, "the of")).isEmpty();
    }

    @Test
    @Timeout(30)
    void search_hostileQueries_neverThrow() {
        publish(kb, "a", Locale.ENGLISH, Visibility.PUBLIC, "Orders", "Track your order.");
        List<String> hostile = List.of("\"", "\"unbalanced", "(((", "[order", "order]", "*", "?", "~", "ord*",
                "*rder", "o?der", "order~2", "title:order", "order AND", "AND OR NOT", "-", "--", "- -order",
                "-\"", "\\", "/regex.*/", "{}", "^2", "😀 order 🚀", "\u0000", "!", "&&", "||", "order:",
                "x".repeat(100_000), "order ".repeat(20_000), "\"" + "a ".repeat(5_000));
        for (String q : hostile) {
            SearchResponse r = kb.search(CUSTOMER_EN, SearchRequest.of(q));
            assertThat(r.totalHits()).isGreaterThanOrEqualTo(0);
        }
        assertThat(ids(kb, CUSTOMER_EN, "order~2")).containsExactly("a");
        assertThat(kb.autocomplete(CUSTOMER_EN, "x".repeat(100_000), 5)).isEmpty();
        assertThat(kb.suggestForTicket(CUSTOMER_EN, "(", "*:* " + "order ".repeat(20_000), 5)).hasSize(1);
    }

    @Test
    void search_paging_isBoundedAndConsistent() {
        for (int i = 0; i < 25; i++) {
            publish(kb, "p" + i, Locale.ENGLISH, Visibility.PUBLIC, "Printer " + i, "Printer setup guide " + i);
        }
        kb.refresh();
        SearchResponse p1 = kb.search(CUSTOMER_EN, SearchRequest.builder("printer").limit(10).build());
        SearchResponse p3 = kb.search(CUSTOMER_EN, SearchRequest.builder("printer").offset(20).limit(10).build());
        assertThat(p1.totalHits()).isEqualTo(25);
        assertThat(p1.hits()).hasSize(10);
        assertThat(p3.hits()).hasSize(5);
        assertThatThrownBy(() -> SearchRequest.builder("printer").offset(10_001).build())
                .hasMessageContaining("offset");
    }

    @Test
    void autocomplete_titlesVisibleToViewerOnly() {
        publish(kb, "a", Locale.ENGLISH, Visibility.PUBLIC, "Password reset", "x");
        publish(kb, "b", Locale.ENGLISH, Visibility.INTERNAL, "Password override for agents", "x");
        kb.refresh();
        assertThat(kb.autocomplete(CUSTOMER_EN, "pass", 10)).extracting(s -> s.text())
                .containsExactly("Password reset");
        assertThat(kb.autocomplete(AGENT_EN, "passw", 10)).hasSize(2);
        assertThat(kb.autocomplete(AGENT_EN, "password ov", 10)).extracting(s -> s.text())
                .containsExactly("Password override for agents");
    }

    @Test
    void related_findsSimilarVisibleArticles() {
        publish(kb, "a", Locale.ENGLISH, Visibility.PUBLIC, "Configure printer drivers",
                "Install the printer driver, then configure the printer queue.");
        publish(kb, "b", Locale.ENGLISH, Visibility.PUBLIC, "Printer queue stuck",
                "Clear the printer queue and restart the printer driver.");
        publish(kb, "c", Locale.ENGLISH, Visibility.INTERNAL, "Printer driver internals",
                "Printer driver queue internals for agents.");
        publish(kb, "d", Locale.ENGLISH, Visibility.PUBLIC, "Holiday opening hours", "We are closed on holidays.");
        kb.refresh();
        assertThat(kb.related(CUSTOMER_EN, ArticleId.of("a"), 5)).extracting(h -> h.articleId().value())
                .containsExactly("b");
        assertThat(kb.related(AGENT_EN, ArticleId.of("a"), 5)).extracting(h -> h.articleId().value())
                .containsExactlyInAnyOrder("b", "c");
        assertThat(kb.related(CUSTOMER_EN, ArticleId.of("c"), 5)).isEmpty();
    }

    @Test
    void assist_noisyTicket_findsArticleAndMatchedWords() {
        publish(kb, "refund", Locale.ENGLISH, Visibility.PUBLIC, "Request a refund for a damaged item",
                "If your item arrived damaged, request a refund from the order page.");
        publish(kb, "ship", Locale.ENGLISH, Visibility.PUBLIC, "Shipping times", "Orders ship within two days.");
        publish(kb, "secret", Locale.ENGLISH, Visibility.INTERNAL, "Damaged item refund override",
                "Agents may override refund limits for damaged items.");
        kb.refresh();
        String description = """
                Hello team,

                My order #A-99812 arrived today and the item is damaged: the box was crushed.
                Can I get a refund please?

                Thanks,
                Jane
                --
                Jane Doe | ACME Corp | +1 555 0100

                On Mon, Nov 23, 2026 at 9:00 AM Support <support@example.com> wrote:
                > Your order has shipped. Shipping times are two days.
                """;
        var hits = kb.suggestForTicket(CUSTOMER_EN, "Damaged item", description, 3);
        assertThat(hits).extracting(h -> h.hit().articleId().value()).first().isEqualTo("refund");
        assertThat(hits).extracting(h -> h.hit().articleId().value()).doesNotContain("secret");
        assertThat(hits.getFirst().matchedTerms()).contains("damaged", "refund").doesNotContain("a-99812", "jane");
        assertThat(kb.suggestForTicket(AGENT_EN, "Damaged item", description, 3))
                .extracting(h -> h.hit().articleId().value()).contains("secret");
    }

    @Test
    void didYouMean_suggestsVisibleVocabulary() {
        publish(kb, "a", Locale.ENGLISH, Visibility.PUBLIC, "Subscription renewal", "Renew your subscription.");
        kb.refresh();
        SearchResponse r = kb.search(CUSTOMER_EN, SearchRequest.of("subscriptoin"));
        assertThat(r.didYouMean()).isEqualTo("subscription");
    }

    @Test
    @Timeout(10)
    void publishedChange_searchableWithinRefreshBound() throws InterruptedException {
        kb.refresh();
        publish(kb, "late", Locale.ENGLISH, Visibility.PUBLIC, "Kangaroo policy", "Kangaroo shipping.");
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        long found = 0;
        while (found == 0 && System.nanoTime() < deadline) {
            found = kb.search(CUSTOMER_EN, SearchRequest.of("kangaroo")).totalHits();
            Thread.sleep(20);
        }
        assertThat(found).isEqualTo(1);
    }
}
