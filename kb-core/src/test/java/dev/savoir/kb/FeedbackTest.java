package dev.savoir.kb;

import dev.savoir.kb.feedback.FeedbackSummary;
import dev.savoir.kb.feedback.ReaderComment;
import dev.savoir.kb.feedback.VoteReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedbackTest {
    static final Actor ADMIN = Actor.of("admin", Role.ADMIN);
    static final ViewerContext CUSTOMER = ViewerContext.external(Locale.ENGLISH);

    @TempDir
    Path dir;
    MutableClock clock = new MutableClock(Instant.parse("2026-04-01T10:00:00Z"));

    KnowledgeBase open() {
        return KnowledgeBase.builder().directory(dir).clock(clock).requireReview(false)
                .schedulerInterval(Duration.ZERO).build();
    }

    static ArticleId publish(KnowledgeBase kb, String id, Visibility visibility) {
        kb.create(ADMIN, NewArticle.builder(id).category("X").visibility(visibility).title("T").body("B").build());
        kb.publish(ADMIN, ArticleId.of(id), Locale.ENGLISH, 1);
        return ArticleId.of(id);
    }

    @Test
    void views_repeatedWithinWindowCountOnce_andSurviveReopen() {
        try (KnowledgeBase kb = open()) {
            ArticleId id = publish(kb, "a", Visibility.PUBLIC);
            assertThat(kb.recordView(CUSTOMER, "visitor-1", id)).isTrue();
            assertThat(kb.recordView(CUSTOMER, "visitor-1", id)).isFalse();
            assertThat(kb.recordView(CUSTOMER, "visitor-2", id)).isTrue();
            clock.advance(Duration.ofHours(1));
            assertThat(kb.recordView(CUSTOMER, "visitor-1", id)).isTrue();
            assertThat(kb.feedback(id).views()).isEqualTo(3);
        }
        try (KnowledgeBase kb = open()) {
            ArticleId id = ArticleId.of("a");
            assertThat(kb.feedback(id).views()).isEqualTo(3);
            assertThat(kb.views(id, clock.instant().minus(Duration.ofDays(1)), clock.instant().plus(Duration.ofDays(1))))
                    .isEqualTo(3);
            assertThat(kb.views(id, clock.instant().plus(Duration.ofDays(2)), clock.instant().plus(Duration.ofDays(9))))
                    .isZero();
        }
    }

    @Test
    void votes_viewerCanChangeItsVote_reasonsAndCommentsKept() {
        try (KnowledgeBase kb = open()) {
            ArticleId id = publish(kb, "a", Visibility.PUBLIC);
            kb.vote(CUSTOMER, "v1", id, false, VoteReason.OUTDATED, "The screenshots show the old app");
            kb.vote(CUSTOMER, "v2", id, true, null, null);
            FeedbackSummary s = kb.vote(CUSTOMER, "v1", id, true, null, "Now it works");
            assertThat(s.helpful()).isEqualTo(2);
            assertThat(s.notHelpful()).isZero();
            assertThat(s.reasons()).isEmpty();
            kb.vote(CUSTOMER, "v3", id, false, VoteReason.UNCLEAR, null);
            assertThat(kb.comments(ADMIN, id)).extracting(ReaderComment::text)
                    .containsExactly("Now it works", "The screenshots show the old app");
        }
        try (KnowledgeBase kb = open()) {
            FeedbackSummary s = kb.feedback(ArticleId.of("a"));
            assertThat(s.helpful()).isEqualTo(2);
            assertThat(s.notHelpful()).isEqualTo(1);
            assertThat(s.reasons()).containsEntry(VoteReason.UNCLEAR, 1L);
        }
    }

    @Test
    void helpfulness_isNotFooledBySmallCounts() {
        FeedbackSummary oneOfOne = new FeedbackSummary(0, 1, 0, java.util.Map.of(), 0);
        FeedbackSummary manyGood = new FeedbackSummary(0, 95, 5, java.util.Map.of(), 0);
        assertThat(oneOfOne.helpfulness()).isLessThan(manyGood.helpfulness());
        assertThat(FeedbackSummary.EMPTY.helpfulness()).isZero();
    }

    @Test
    void feedbackOnInvisibleArticle_isRefusedOrIgnored() {
        try (KnowledgeBase kb = open()) {
            ArticleId internal = publish(kb, "internal", Visibility.INTERNAL);
            assertThat(kb.recordView(CUSTOMER, "v", internal)).isFalse();
            assertThatThrownBy(() -> kb.vote(CUSTOMER, "v", internal, true, null, null))
                    .isInstanceOf(ArticleNotFoundException.class);
            assertThat(kb.feedback(internal)).isEqualTo(FeedbackSummary.EMPTY);
            assertThatThrownBy(() -> kb.vote(CUSTOMER, " ", ArticleId.of("internal"), true, null, null))
                    .isInstanceOf(ValidationException.class);
        }
    }

    @Test
    void ticketLinks_countEachTicketOnce() {
        try (KnowledgeBase kb = open()) {
            ArticleId id = publish(kb, "a", Visibility.INTERNAL);
            kb.linkTicket(ADMIN, id, "T-100");
            kb.linkTicket(ADMIN, id, "T-100");
            assertThat(kb.linkTicket(ADMIN, id, "T-101").ticketLinks()).isEqualTo(2);
        }
    }

    @Test
    void ticketLinks_needThePermissionPolicy_agentAllowed_roleLessActorRefused() {
        try (KnowledgeBase kb = open()) {
            ArticleId id = publish(kb, "a", Visibility.INTERNAL);
            assertThat(kb.linkTicket(Actor.of("agent-7", Role.AGENT), id, "T-100").ticketLinks()).isEqualTo(1);
            assertThatThrownBy(() -> kb.linkTicket(Actor.of("visitor"), id, "T-101"))
                    .isInstanceOf(PermissionDeniedException.class).hasMessageContaining("link a ticket to");
            assertThat(kb.feedback(id).ticketLinks()).isEqualTo(1);
        }
    }

    @Test
    void ticketLinks_hostPolicyDecides() {
        try (KnowledgeBase kb = KnowledgeBase.builder().directory(dir).clock(clock).requireReview(false)
                .schedulerInterval(Duration.ZERO)
                .permissionPolicy((actor, action, article) -> action != Action.LINK_TICKET || actor.id().equals("lead"))
                .build()) {
            ArticleId id = publish(kb, "a", Visibility.INTERNAL);
            assertThatThrownBy(() -> kb.linkTicket(ADMIN, id, "T-1")).isInstanceOf(PermissionDeniedException.class);
            assertThat(kb.linkTicket(Actor.of("lead"), id, "T-1").ticketLinks()).isEqualTo(1);
        }
    }

    @Test
    void exportArchive_thenImportArchives_givesIdenticalArticle() {
        ArticleArchive exported;
        try (KnowledgeBase kb = open()) {
            ArticleId id = publish(kb, "a", Visibility.PUBLIC);
            kb.edit(ADMIN, id, Locale.ENGLISH, 1, ArticleContent.of("T2", "B2"), "second");
            kb.addTranslation(ADMIN, id, Locale.FRENCH, ArticleContent.of("T fr", "B fr"), 1, "fr");
            kb.vote(CUSTOMER, "v", id, true, null, null);
            exported = kb.exportArchive(ADMIN, id);
        }
        try (KnowledgeBase other = KnowledgeBase.builder().inMemory().clock(clock).schedulerInterval(Duration.ZERO)
                .build()) {
            assertThat(other.importArchives(ADMIN, List.of(exported), true)).isEqualTo(1);
            ArticleArchive back = other.exportArchive(ADMIN, exported.article().id());
            assertThat(back.article()).isEqualTo(exported.article());
            assertThat(back.revisions()).isEqualTo(exported.revisions());
            assertThat(back.feedback()).isEqualTo(exported.feedback());
            assertThat(back.events().subList(0, exported.events().size())).isEqualTo(exported.events());
            assertThat(back.events().getLast().action()).isEqualTo(AuditAction.IMPORTED);
            assertThat(other.read(CUSTOMER, exported.article().id()).orElseThrow().content().title()).isEqualTo("T");
            assertThatThrownBy(() -> other.importArchives(ADMIN, List.of(exported), true))
                    .isInstanceOf(DuplicateArticleException.class);
            Actor author = Actor.of("author", Role.AUTHOR);
            assertThatThrownBy(() -> other.importArchives(author, List.of(exported), true))
                    .isInstanceOf(PermissionDeniedException.class);
        }
    }
}
