package dev.savoir.kb;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Out-of-range limits on the search facade get a typed error, whichever engine is behind it. */
class SearchFacadeLimitsTest {
    private static final ViewerContext VIEWER = ViewerContext.external(Locale.ENGLISH);

    @Test
    void autocompleteRelatedAndAssist_limitOutOfRange_throwValidationException() {
        try (KnowledgeBase kb = KnowledgeBase.builder().inMemory().schedulerInterval(Duration.ZERO).build()) {
            for (int bad : new int[] {0, -1, Integer.MIN_VALUE}) {
                assertThatThrownBy(() -> kb.autocomplete(VIEWER, "res", bad)).isInstanceOf(ValidationException.class)
                        .hasMessageContaining("limit");
                assertThatThrownBy(() -> kb.related(VIEWER, ArticleId.of("a"), bad))
                        .isInstanceOf(ValidationException.class);
                assertThatThrownBy(() -> kb.suggestForTicket(VIEWER, "s", "d", bad))
                        .isInstanceOf(ValidationException.class);
            }
            assertThatThrownBy(() -> kb.autocomplete(VIEWER, "res", 51)).isInstanceOf(ValidationException.class);
            assertThatThrownBy(() -> kb.related(VIEWER, ArticleId.of("a"), 101))
                    .isInstanceOf(ValidationException.class);
            assertThatThrownBy(() -> kb.suggestForTicket(VIEWER, "s", "d", 101))
                    .isInstanceOf(ValidationException.class);
        }
    }
}
