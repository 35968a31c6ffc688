package dev.savoir.kb.internal.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleType;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.EditorialRulesException;
import dev.savoir.kb.RenderedArticle;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Translation;
import dev.savoir.kb.TranslationState;
import dev.savoir.kb.Violation;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.internal.Contents;
import dev.savoir.kb.policy.EditorialRule;
import dev.savoir.kb.spi.BodyAnalysis;
import dev.savoir.kb.spi.ContentRenderer;
import dev.savoir.kb.spi.RenderContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The publish gate on its own: articles in a map, links found by a regex, no store and no disk. */
class PublishGateTest {
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final Locale EN = Locale.ENGLISH;

    private final Map<ArticleId, Article> articles = new HashMap<>();
    private final List<EditorialRule> rules = new ArrayList<>();

    /** Finds {@code [text](kb:id)} links, as kb-markdown does. */
    private static final ContentRenderer LINKS = new ContentRenderer() {
        private final Pattern link = Pattern.compile("\\[([^]]*)]\\(kb:([^)]*)\\)");

        @Override
        public BodyAnalysis analyze(String markdown) {
            List<BodyAnalysis.InternalLink> found = new ArrayList<>();
            Matcher m = link.matcher(markdown);
            while (m.find()) {
                found.add(new BodyAnalysis.InternalLink(m.group(2), m.group(1)));
            }
            return new BodyAnalysis(markdown, found, List.of());
        }

        @Override
        public RenderedArticle.Html render(String markdown, RenderContext context) {
            throw new AssertionError("the gate never renders");
        }
    };

    private PublishGate gate() {
        return new PublishGate(id -> Optional.ofNullable(articles.get(id)), LINKS, rules);
    }

    private static Article article(String id, String category, Visibility visibility, TranslationState state) {
        Integer published = state == TranslationState.PUBLISHED ? 1 : null;
        Translation t = new Translation(EN, state, 1, published, null, null, null, null, published == null ? null : NOW,
                NOW);
        return new Article(ArticleId.of(id), 1, CategoryPath.parse(category), ArticleType.FAQ, "owner", Set.of(),
                Map.of(), visibility, EN, null, null, null, null, NOW, NOW, Map.of(EN, t));
    }

    private static Revision revision(String id, String title, String summary, String body) {
        ArticleContent c = new ArticleContent(title, summary, body, List.of());
        return new Revision(ArticleId.of(id), EN, 1, c, "alice", NOW, "", Contents.hash(c), null);
    }

    private List<Violation> check(Article a, Revision r) {
        return gate().violations(a, r);
    }

    @Test
    void completeRevision_passes() {
        Article a = article("a", "Billing", Visibility.PUBLIC, TranslationState.APPROVED);
        assertThat(check(a, revision("a", "Invoices", "", "Open **Billing**."))).isEmpty();
    }

    @Test
    void missingTitleAndBody_areBothListed() {
        Article a = article("a", "Billing", Visibility.PUBLIC, TranslationState.APPROVED);
        assertThat(check(a, revision("a", " ", "", "")))
                .extracting(Violation::field).containsExactly("title", "body");
    }

    @Test
    void titleAndSummaryOverThePublishLimits_areRefused_atTheLimitAccepted() {
        Article a = article("a", "Billing", Visibility.PUBLIC, TranslationState.APPROVED);
        assertThat(check(a, revision("a", "t".repeat(InputLimits.PUBLISH_MAX_TITLE),
                "s".repeat(InputLimits.PUBLISH_MAX_SUMMARY), "Body"))).isEmpty();
        assertThat(check(a, revision("a", "t".repeat(InputLimits.PUBLISH_MAX_TITLE + 1),
                "s".repeat(InputLimits.PUBLISH_MAX_SUMMARY + 1), "Body")))
                .extracting(Violation::field).containsExactly("title", "summary");
    }

    @Test
    void linkToMissingUnpublishedOrInvalidTarget_isRefused() {
        articles.put(ArticleId.of("draft"), article("draft", "X", Visibility.PUBLIC, TranslationState.DRAFT));
        Article a = article("a", "Billing", Visibility.PUBLIC, TranslationState.APPROVED);
        List<Violation> v = check(a, revision("a", "T", "",
                "See [gone](kb:gone), [draft](kb:draft) and [bad](kb:not a valid id)."));
        assertThat(v).extracting(Violation::message).containsExactly(
                "kb:gone links to an article that does not exist",
                "kb:draft links to an article that is not published",
                "kb:not a valid id is not a valid article id");
    }

    @Test
    void publicArticle_linkingToInternalOne_isRefused_internalToPublicPasses() {
        articles.put(ArticleId.of("int"), article("int", "X", Visibility.INTERNAL, TranslationState.PUBLISHED));
        articles.put(ArticleId.of("pub"), article("pub", "X", Visibility.PUBLIC, TranslationState.PUBLISHED));
        Article pub = article("a", "Billing", Visibility.PUBLIC, TranslationState.APPROVED);
        assertThat(check(pub, revision("a", "T", "", "[x](kb:int)"))).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("visible to internal viewers only")
                        .contains("its readers could not open the link"));
        Article internal = article("b", "Billing", Visibility.INTERNAL, TranslationState.APPROVED);
        assertThat(check(internal, revision("b", "T", "", "[x](kb:pub)"))).isEmpty();
    }

    @Test
    void linkToItself_isAllowed() {
        Article a = article("a", "Billing", Visibility.PUBLIC, TranslationState.APPROVED);
        assertThat(check(a, revision("a", "T", "", "[top](kb:a)"))).isEmpty();
    }

    @Test
    void hostRules_runAfterTheBuiltInOnes_andCheckThrowsWithEveryViolation() {
        rules.add(c -> c.revision().content().body().contains("TODO")
                ? List.of(new Violation("body", "remove the TODO")) : List.of());
        Article a = article("a", "Billing", Visibility.PUBLIC, TranslationState.APPROVED);
        Revision r = revision("a", "", "", "TODO: write it");
        assertThat(check(a, r)).extracting(Violation::field).containsExactly("title", "body");
        assertThatThrownBy(() -> gate().check(a, r)).isInstanceOf(EditorialRulesException.class)
                .hasMessageContaining("remove the TODO").hasMessageContaining("needs a title");
    }
}
