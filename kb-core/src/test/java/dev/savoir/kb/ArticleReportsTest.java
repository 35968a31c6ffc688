package dev.savoir.kb;

import dev.savoir.kb.feedback.VoteReason;
import dev.savoir.kb.reports.ArticleReport;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ArticleReportsTest {
    static final Actor ADMIN = Actor.of("admin", Role.ADMIN);
    static final ViewerContext CUSTOMER = ViewerContext.external(Locale.ENGLISH);

    @Test
    void viewsHelpfulnessAndStaleReports() {
        MutableClock clock = new MutableClock(Instant.parse("2026-02-01T00:00:00Z"));
        try (KnowledgeBase kb = KnowledgeBase.builder().inMemory().clock(clock).requireReview(false)
                .schedulerInterval(Duration.ZERO).build()) {
            for (String id : new String[] {"popular", "unhelpful", "old"}) {
                kb.create(ADMIN, NewArticle.builder(id).category("X").visibility(Visibility.PUBLIC).title("Title " + id)
                        .body("B").owner("owner-" + id).build());
                kb.publish(ADMIN, ArticleId.of(id), Locale.ENGLISH, 1);
            }
            clock.advance(Duration.ofDays(200));
            kb.edit(ADMIN, ArticleId.of("popular"), Locale.ENGLISH, 1, ArticleContent.of("Title popular", "B2"), "");
            kb.edit(ADMIN, ArticleId.of("unhelpful"), Locale.ENGLISH, 1, ArticleContent.of("Title unhelpful", "B2"),
                    "");
            for (int i = 0; i < 5; i++) {
                kb.recordView(CUSTOMER, "v" + i, ArticleId.of("popular"));
                kb.vote(CUSTOMER, "v" + i, ArticleId.of("popular"), true, null, null);
                kb.vote(CUSTOMER, "v" + i, ArticleId.of("unhelpful"), i == 0, VoteReason.DID_NOT_ANSWER, null);
            }
            kb.recordView(CUSTOMER, "v0", ArticleId.of("unhelpful"));
            Instant now = clock.instant();
            assertThat(kb.articlesByViews(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)), 10))
                    .extracting(ArticleReport::articleId, ArticleReport::views)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(ArticleId.of("popular"), 5L),
                            org.assertj.core.groups.Tuple.tuple(ArticleId.of("unhelpful"), 1L));
            assertThat(kb.articlesByHelpfulness(3, 10)).extracting(r -> r.articleId().value())
                    .containsExactly("unhelpful", "popular");
            assertThat(kb.articlesByHelpfulness(3, 10).getFirst().title()).isEqualTo("Title unhelpful");
            assertThat(kb.staleArticles(Duration.ofDays(90))).extracting(s -> s.articleId().value())
                    .containsExactly("old");
        }
    }
}
