package dev.savoir.kb.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.search.PromotionRule;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Promotion rules match queries through the SPI's one normaliser, as analytics groups them. */
class PromotionsTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final ViewerContext CUSTOMER = ViewerContext.external(Locale.ENGLISH);
    private static final ArticleId A = ArticleId.of("a");

    private static Promotions resolve(String query, PromotionRule... rules) {
        return Promotions.of(() -> List.of(rules), NOW, query, CUSTOMER);
    }

    @Test
    void normalizedRule_matchesQueryDifferingInCaseAccentsAndPunctuation() {
        assertThat(resolve("  Réinitialiser   MOT-de-passe ! ", PromotionRule.pin("reinitialiser mot de passe", A))
                .pinned()).containsExactly("a");
    }

    @Test
    void normalizedRule_matchesCompatibilityForms_asQueryNormalizerDoes() {
        // NFKD folds the "ﬁ" ligature and full-width letters: the rule matches what analytics reports as one query
        assertThat(QueryNormalizer.normalize("ﬁx ＷＩＦＩ")).isEqualTo("fix wifi");
        assertThat(resolve("ﬁx ＷＩＦＩ", PromotionRule.promote("Fix Wi-Fi", A, 2f)).promoted()).isEmpty();
        assertThat(resolve("ﬁx ＷＩＦＩ", PromotionRule.promote("fix wifi", A, 2f)).promoted())
                .containsEntry("a", 2f);
    }

    @Test
    void exactRule_needsTheSameText() {
        PromotionRule exact = new PromotionRule("Reset", PromotionRule.Match.EXACT, PromotionRule.Action.BLOCK, A,
                1f, null, null, null, null);
        assertThat(resolve("reset", exact).blocked()).isEmpty();
        assertThat(resolve("Reset", exact).blocked()).containsExactly("a");
    }

    @Test
    void block_beatsPinAndPromotionOfTheSameArticle() {
        Promotions p = resolve("printer", PromotionRule.pin("printer", A), PromotionRule.promote("printer", A, 3f),
                PromotionRule.block("printer", A));
        assertThat(p.pinned()).isEmpty();
        assertThat(p.promoted()).isEmpty();
        assertThat(p.blocked()).containsExactly("a");
    }

    @Test
    void failingProvider_searchesWithoutRules() {
        Promotions p = Promotions.of(() -> {
            throw new IllegalStateException("rules unavailable");
        }, NOW, "printer", CUSTOMER);
        assertThat(p).isEqualTo(Promotions.NONE);
    }
}
