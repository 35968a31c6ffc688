package dev.savoir.kb.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.AuditAction;
import dev.savoir.kb.InvalidTransitionException;
import dev.savoir.kb.PermissionDeniedException;
import dev.savoir.kb.Translation;
import dev.savoir.kb.TranslationState;
import dev.savoir.kb.ValidationException;
import dev.savoir.kb.Violation;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The lifecycle rules on their own: translations in, next states out, no store. */
class TransitionsTest {
    private static final ArticleId ID = ArticleId.of("a");
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant LATER = NOW.plus(Duration.ofHours(2));

    private final Transitions reviewed = new Transitions(true, false);

    private static Translation in(TranslationState state) {
        Integer published = state == TranslationState.PUBLISHED ? 2 : null;
        return new Translation(Locale.ENGLISH, state, 2, published, null,
                state == TranslationState.SCHEDULED ? LATER : null, null,
                state == TranslationState.IN_REVIEW || state == TranslationState.APPROVED ? "alice" : null,
                published == null ? null : NOW.minusSeconds(60), NOW.minusSeconds(60));
    }

    @Test
    void happyPath_draftToPublished_recordsEachStep() {
        Transitions.Step submitted = reviewed.submit(ID, in(TranslationState.DRAFT), "alice", NOW);
        assertThat(submitted.translation().state()).isEqualTo(TranslationState.IN_REVIEW);
        assertThat(submitted.translation().submittedBy()).isEqualTo("alice");
        assertThat(submitted.action()).isEqualTo(AuditAction.SUBMITTED);
        Transitions.Step approved = reviewed.approve(ID, submitted.translation(), "bob", "alice", NOW);
        assertThat(approved.translation().state()).isEqualTo(TranslationState.APPROVED);
        Transitions.Step published = reviewed.publish(ID, approved.translation(), NOW);
        assertThat(published.translation().state()).isEqualTo(TranslationState.PUBLISHED);
        assertThat(published.translation().publishedRevision()).isEqualTo(2);
        assertThat(published.translation().publishedAt()).isEqualTo(NOW);
        assertThat(published.action()).isEqualTo(AuditAction.PUBLISHED);
    }

    /** Which states each transition accepts, with review required: every other state is refused. */
    @ParameterizedTest
    @EnumSource(TranslationState.class)
    void eachTransition_acceptsExactlyItsSourceStates(TranslationState state) {
        assertAccepted(state, EnumSet.of(TranslationState.DRAFT), t -> reviewed.submit(ID, t, "alice", NOW));
        assertAccepted(state, EnumSet.of(TranslationState.IN_REVIEW), t -> reviewed.approve(ID, t, "bob", "alice",
                NOW));
        assertAccepted(state, EnumSet.of(TranslationState.IN_REVIEW), t -> reviewed.requestChanges(ID, t, "fix",
                NOW));
        assertAccepted(state, EnumSet.of(TranslationState.APPROVED, TranslationState.SCHEDULED),
                t -> reviewed.publish(ID, t, NOW));
        assertAccepted(state, EnumSet.of(TranslationState.APPROVED), t -> reviewed.schedulePublish(ID, t, LATER, NOW));
        assertAccepted(state, EnumSet.of(TranslationState.PUBLISHED), t -> reviewed.unpublish(ID, t, NOW));
        assertAccepted(state, EnumSet.complementOf(EnumSet.of(TranslationState.ARCHIVED)),
                t -> reviewed.archive(ID, t, NOW));
        assertAccepted(state, EnumSet.of(TranslationState.ARCHIVED), t -> reviewed.restoreFromArchive(ID, t, NOW));
    }

    private static void assertAccepted(TranslationState state, Set<TranslationState> accepted,
                                       Function<Translation, Transitions.Step> transition) {
        if (accepted.contains(state)) {
            assertThat(transition.apply(in(state))).isNotNull();
        } else {
            assertThatThrownBy(() -> transition.apply(in(state))).isInstanceOf(InvalidTransitionException.class)
                    .hasMessageContaining(state.name());
        }
    }

    @Test
    void withoutReview_draftsAndTranslationsInReview_publishDirectly() {
        Transitions direct = new Transitions(false, false);
        assertThat(direct.publish(ID, in(TranslationState.DRAFT), NOW).translation().state())
                .isEqualTo(TranslationState.PUBLISHED);
        assertThat(direct.publish(ID, in(TranslationState.IN_REVIEW), NOW).translation().state())
                .isEqualTo(TranslationState.PUBLISHED);
        assertThatThrownBy(() -> reviewed.publish(ID, in(TranslationState.DRAFT), NOW))
                .isInstanceOf(InvalidTransitionException.class).hasMessageContaining("requires review");
    }

    @Test
    void distinctReviewer_refusesTheAuthorAndTheSubmitter() {
        Transitions strict = new Transitions(true, true);
        Translation inReview = in(TranslationState.IN_REVIEW);
        assertThatThrownBy(() -> strict.approve(ID, inReview, "carol", "carol", NOW))
                .isInstanceOf(PermissionDeniedException.class).hasMessageContaining("ask another reviewer");
        assertThatThrownBy(() -> strict.approve(ID, inReview, "alice", "carol", NOW))
                .isInstanceOf(PermissionDeniedException.class);
        assertThat(strict.approve(ID, inReview, "bob", "carol", NOW).translation().state())
                .isEqualTo(TranslationState.APPROVED);
        assertThat(reviewed.approve(ID, inReview, "alice", "alice", NOW)).isNotNull();
    }

    @Test
    void schedules_inThePast_areRefused() {
        assertThatThrownBy(() -> reviewed.schedulePublish(ID, in(TranslationState.APPROVED), NOW, NOW))
                .isInstanceOf(ValidationException.class).hasMessageContaining("publish now instead");
        assertThatThrownBy(() -> reviewed.scheduleArchive(ID, in(TranslationState.PUBLISHED), NOW.minusSeconds(1),
                NOW)).isInstanceOf(ValidationException.class).hasMessageContaining("archive now instead");
    }

    @Test
    void unpublish_keepsAPendingDraft_andArchiveCancelsSchedules() {
        Translation publishedWithDraft = new Translation(Locale.ENGLISH, TranslationState.DRAFT, 3, 2, null, null,
                null, null, NOW, NOW);
        Transitions.Step hidden = reviewed.unpublish(ID, publishedWithDraft, NOW);
        assertThat(hidden.translation().state()).isEqualTo(TranslationState.DRAFT);
        assertThat(hidden.translation().publishedRevision()).isNull();
        assertThat(hidden.translation().latestRevision()).isEqualTo(3);
        Transitions.Step archived = reviewed.archive(ID, in(TranslationState.SCHEDULED), NOW);
        assertThat(archived.translation().scheduledPublishAt()).isNull();
        assertThat(archived.translation().state()).isEqualTo(TranslationState.ARCHIVED);
    }

    @Test
    void scheduledPublish_comesDueAtItsTime_andFallsBackToApprovedWhenTheGateRefuses() {
        Translation scheduled = in(TranslationState.SCHEDULED);
        assertThat(Transitions.publishDue(scheduled, NOW)).isFalse();
        assertThat(Transitions.publishDue(scheduled, LATER)).isTrue();
        assertThat(reviewed.scheduledPublish(scheduled, List.of(), LATER).translation().state())
                .isEqualTo(TranslationState.PUBLISHED);
        Transitions.Step refused = reviewed.scheduledPublish(scheduled,
                List.of(new Violation("links", "kb:x links to an article that is not published")), LATER);
        assertThat(refused.translation().state()).isEqualTo(TranslationState.APPROVED);
        assertThat(refused.detail()).startsWith("scheduled publish refused").contains("kb:x");
    }

    @Test
    void scheduledArchive_comesDueAtItsTime_butNotTwice() {
        Translation t = new Translation(Locale.ENGLISH, TranslationState.PUBLISHED, 1, 1, null, null, LATER, null,
                NOW, NOW);
        assertThat(Transitions.archiveDue(t, NOW)).isFalse();
        assertThat(Transitions.archiveDue(t, LATER)).isTrue();
        Translation archived = reviewed.scheduledArchive(t, LATER).translation();
        assertThat(archived.state()).isEqualTo(TranslationState.ARCHIVED);
        assertThat(Transitions.archiveDue(archived, LATER.plusSeconds(1))).isFalse();
    }
}
