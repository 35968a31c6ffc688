package dev.savoir.kb.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.EditorialRulesException;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.RenderedArticle;
import dev.savoir.kb.Role;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Violation;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.spi.ContentRenderer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** kb-core's facade publishing and rendering through the Markdown renderer. */
class MarkdownKnowledgeBaseIT {
    static final Locale EN = Locale.ENGLISH;
    static final Actor ALICE = Actor.of("alice", Role.AUTHOR);
    static final Actor BOB = Actor.of("bob", Role.REVIEWER, Role.PUBLISHER);
    static final ViewerContext CUSTOMER = ViewerContext.external(EN);
    static final ViewerContext AGENT = ViewerContext.internal(EN);

    final MarkdownRenderer renderer = MarkdownRenderer.create();
    final AtomicReference<ContentRenderer> handedToSearch = new AtomicReference<>();
    KnowledgeBase kb;

    @BeforeEach
    void open() {
        kb = KnowledgeBase.builder()
                .inMemory()
                .renderer(renderer)
                .linkResolver((id, locale) -> "/help/" + locale.toLanguageTag() + "/articles/" + id.value())
                .schedulerInterval(Duration.ZERO)
                .build();
    }

    @AfterEach
    void close() {
        kb.close();
    }

    void create(String id, Visibility visibility, String title, String body) {
        kb.create(ALICE, NewArticle.builder(id).category("Account > Security").visibility(visibility).title(title)
                .body(body).build());
    }

    void publish(String id, int revision) {
        kb.submitForReview(ALICE, ArticleId.of(id), EN, revision);
        kb.approve(BOB, ArticleId.of(id), EN, revision);
        kb.publish(BOB, ArticleId.of(id), EN, revision);
    }

    @Test
    void publish_brokenInternalLinks_isRefusedListingEveryOne() {
        create("escalation-runbook", Visibility.INTERNAL, "Secret escalation runbook", "Call the on-call lead.");
        publish("escalation-runbook", 1);
        create("draft-only", Visibility.PUBLIC, "Draft", "Not yet.");
        create("reset-password", Visibility.PUBLIC, "Reset your password", """
                # Reset your password

                See [the runbook](kb:escalation-runbook), [missing][m], [the draft](kb:draft-only)
                and [bad](<kb:Not Valid>).

                [m]: kb:does-not-exist
                """);
        kb.submitForReview(ALICE, ArticleId.of("reset-password"), EN, 1);
        kb.approve(BOB, ArticleId.of("reset-password"), EN, 1);
        assertThatThrownBy(() -> kb.publish(BOB, ArticleId.of("reset-password"), EN, 1))
                .isInstanceOfSatisfying(EditorialRulesException.class, e -> assertThat(e.violations())
                        .filteredOn(v -> v.field().equals("links"))
                        .extracting(Violation::message)
                        .satisfiesExactly(
                                m -> assertThat(m).contains("kb:escalation-runbook", "internal viewers only"),
                                m -> assertThat(m).contains("kb:does-not-exist", "does not exist"),
                                m -> assertThat(m).contains("kb:draft-only", "not published"),
                                m -> assertThat(m).contains("kb:Not Valid", "not a valid article id")));
        assertThat(kb.read(CUSTOMER, ArticleId.of("reset-password"))).isEmpty();
    }

    @Test
    void publish_validInternalLinks_isAccepted() {
        create("billing", Visibility.PUBLIC, "Billing", "About invoices.");
        publish("billing", 1);
        create("plans", Visibility.PUBLIC, "Plans", "See [billing](kb:billing).");
        publish("plans", 1);
        assertThat(kb.render(CUSTOMER, ArticleId.of("plans")).orElseThrow().html().html())
                .isEqualTo("<p>See <a href=\"/help/en/articles/billing\">billing</a>.</p>\n");
    }

    @Test
    void render_internalArticleLinkedFromInternalArticle_neverRevealedToCustomers() {
        create("escalation-runbook", Visibility.INTERNAL, "Secret escalation runbook", "Call the lead.");
        publish("escalation-runbook", 1);
        create("agent-faq", Visibility.INTERNAL, "Agent FAQ", "Use [the runbook](kb:escalation-runbook).");
        publish("agent-faq", 1);
        create("public-page", Visibility.PUBLIC, "Help", "# Help\n\nAsk an agent.");
        publish("public-page", 1);

        assertThat(kb.render(AGENT, ArticleId.of("agent-faq")).orElseThrow().html().html())
                .contains("<a href=\"/help/en/articles/escalation-runbook\">the runbook</a>");
        assertThat(kb.render(CUSTOMER, ArticleId.of("agent-faq"))).isEmpty();
        RenderedArticle publicPage = kb.render(CUSTOMER, ArticleId.of("public-page")).orElseThrow();
        assertThat(publicPage.html().toc()).containsExactly(new RenderedArticle.Heading(1, "Help", "help"));
    }

    @Test
    void render_linkToArticleLaterRestricted_customerSeesOnlyLinkText() {
        create("a", Visibility.segments("partners"), "Partner pricing", "Discounts.");
        publish("a", 1);
        create("b", Visibility.segments("partners"), "Partner FAQ", "See [the pricing](kb:a \"Partner pricing\").");
        publish("b", 1);
        ViewerContext partner = ViewerContext.external(EN, "partners");
        String forPartner = kb.render(partner, ArticleId.of("b")).orElseThrow().html().html();
        assertThat(forPartner).contains("href=\"/help/en/articles/a\"");

        ViewerContext otherPartner = ViewerContext.external(EN, "partners", "vip");
        assertThat(kb.render(otherPartner, ArticleId.of("b")).orElseThrow().html().html()).isEqualTo(forPartner);
    }

    @Test
    void render_linkedArticleUnpublishedLater_cachedLinkIsNotServedAnymore() {
        create("pricing", Visibility.PUBLIC, "Secret-to-be pricing", "Prices.");
        publish("pricing", 1);
        create("plans", Visibility.PUBLIC, "Plans", "See [our pricing](kb:pricing \"Pricing\").");
        publish("plans", 1);
        assertThat(kb.render(CUSTOMER, ArticleId.of("plans")).orElseThrow().html().html())
                .contains("<a href=\"/help/en/articles/pricing\" title=\"Pricing\">our pricing</a>");
        assertThat(kb.render(AGENT, ArticleId.of("plans")).orElseThrow().html().html())
                .contains("/help/en/articles/pricing");

        kb.unpublish(BOB, ArticleId.of("pricing"), EN);

        for (ViewerContext viewer : List.of(CUSTOMER, AGENT)) {
            assertThat(kb.render(viewer, ArticleId.of("plans")).orElseThrow().html().html())
                    .isEqualTo("<p>See our pricing.</p>\n");
        }
        // the agent shared the customer's entries (their links resolved alike), before and after the change
        assertThat(renderer.cacheStats().hits()).isEqualTo(2);
        assertThat(renderer.cacheStats().misses()).isEqualTo(2);
    }

    @Test
    void render_newRevisionPublished_readersGetNewHtml() {
        create("a", Visibility.PUBLIC, "A", "First version.");
        publish("a", 1);
        assertThat(kb.render(CUSTOMER, ArticleId.of("a")).orElseThrow().html().html()).contains("First version");
        kb.edit(ALICE, ArticleId.of("a"), EN, 1, ArticleContent.of("A", "Second version."), "update");
        publish("a", 2);
        assertThat(kb.render(CUSTOMER, ArticleId.of("a")).orElseThrow().html().html()).contains("Second version")
                .doesNotContain("First");
    }

    @Test
    void render_hostileBody_isSanitizedEndToEnd() {
        create("x", Visibility.PUBLIC, "X", "Hi <script>alert(1)</script><img src=x onerror=alert(1)> "
                + "[a](javascript:alert(1))");
        publish("x", 1);
        String html = kb.render(CUSTOMER, ArticleId.of("x")).orElseThrow().html().html();
        assertThat(HtmlSafety.findings(html)).isEmpty();
        assertThat(html).doesNotContain("script", "onerror", "javascript");
    }

    @Test
    void analyze_plainTextForIndexing_hasNoMarkupNorUrls() {
        String body = "# Reset\n\nOpen **Settings**, see [docs](https://x.example/docs) and [billing](kb:billing)."
                + "\n\n![Screen](https://cdn.example/s.png)";
        assertThat(renderer.analyze(body).plainText()).isEqualTo("Reset\nOpen Settings, see docs and billing.\nScreen");
        assertThat(renderer.analyze(body).plainText()).doesNotContain("http", "kb:", "*", "#", "[", "](");
    }

    @Test
    void searchEngine_receivesTheMarkdownRenderer() {
        KnowledgeBase withSearch = KnowledgeBase.builder().inMemory().renderer(renderer)
                .schedulerInterval(Duration.ZERO)
                .searchEngine(context -> {
                    handedToSearch.set(context.renderer());
                    return new RecordingSearchEngine();
                })
                .build();
        try {
            // the knowledge base hands its renderer on behind its analysis memo: what the engine gets must be the
            // Markdown renderer's analysis and caches, not the plain-text default
            ContentRenderer handed = handedToSearch.get();
            String body = "# Reset\n\nOpen **Settings**, see [docs](https://x.example/docs).";
            assertThat(handed.analyze(body).plainText())
                    .isEqualTo(renderer.analyze(body).plainText())
                    .isEqualTo("Reset\nOpen Settings, see docs.");
            assertThat(handed.caches()).isNotEmpty().isEqualTo(renderer.caches());
        } finally {
            withSearch.close();
        }
    }

    @Test
    void render_kbLinkListFromDocument_matchesPublishGateView() {
        MarkdownDocument doc = renderer.document("[A](kb:a) then [B][b]\n\n[b]: kb:b");
        assertThat(doc.internalLinks()).containsExactly(new MarkdownDocument.InternalLink("a", "A"),
                new MarkdownDocument.InternalLink("b", "B"));
        assertThat(renderer.analyze("[A](kb:a) then [B][b]\n\n[b]: kb:b").internalLinks()).extracting(l -> l.target())
                .isEqualTo(List.of("a", "b"));
    }
}
