package dev.savoir.kb.internal.lifecycle;

import dev.savoir.kb.Action;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.AuditAction;
import dev.savoir.kb.InvalidTransitionException;
import dev.savoir.kb.PermissionDeniedException;
import dev.savoir.kb.Translation;
import dev.savoir.kb.TranslationState;
import dev.savoir.kb.ValidationException;
import dev.savoir.kb.Violation;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The lifecycle of a translation, as pure rules: from a translation's current state, each transition either gives
 * its next state (with the audit action and detail to record) or refuses with {@link InvalidTransitionException}
 * saying what to do instead.
 *
 * <pre>
 * DRAFT --submit--> IN_REVIEW --approve--> APPROVED --publish--> PUBLISHED
 *   ^                  |                      |
 *   +--requestChanges--+                      +--schedulePublish--> SCHEDULED --(time)--> PUBLISHED
 * any state --archive--> ARCHIVED --restoreFromArchive--> DRAFT       published --unpublish--> hidden
 * </pre>
 *
 * With review not required, drafts and translations in review may be published directly. Nothing here reads or
 * writes a store: {@link Lifecycle} applies these rules through the write pipeline.
 */
public final class Transitions {
    /** A transition's outcome: the next state of the translation and what the audit trail records. */
    public record Step(Translation translation, AuditAction action, String detail) {
    }

    private final boolean reviewRequired;
    private final boolean distinctReviewer;

    /**
     * @param reviewRequired whether publishing needs an approval
     * @param distinctReviewer whether the approving reviewer must differ from the author and the submitter
     */
    public Transitions(boolean reviewRequired, boolean distinctReviewer) {
        this.reviewRequired = reviewRequired;
        this.distinctReviewer = distinctReviewer;
    }

    /** {@code DRAFT → IN_REVIEW}, submitted by {@code actor}. */
    public Step submit(ArticleId id, Translation t, String actor, Instant now) {
        require(t.state() == TranslationState.DRAFT, id, t, Action.SUBMIT, "only drafts can be submitted");
        return new Step(with(t, TranslationState.IN_REVIEW, t.latestRevision(), t.publishedRevision(), null,
                t.scheduledArchiveAt(), actor, t.publishedAt(), now), AuditAction.SUBMITTED, "");
    }

    /** Whether the approving reviewer must differ from the author and the submitter. */
    public boolean distinctReviewer() {
        return distinctReviewer;
    }

    /**
     * {@code IN_REVIEW → APPROVED} by {@code actor}; {@code author} wrote the revision under review (needed only when
     * {@link #distinctReviewer()}).
     */
    public Step approve(ArticleId id, Translation t, String actor, @Nullable String author, Instant now) {
        require(t.state() == TranslationState.IN_REVIEW, id, t, Action.APPROVE, "submit it for review first");
        if (distinctReviewer && (actor.equals(author) || actor.equals(t.submittedBy()))) {
            throw new PermissionDeniedException(actor, Action.APPROVE,
                    "this knowledge base requires the reviewer to differ from the author; ask another reviewer");
        }
        return new Step(with(t, TranslationState.APPROVED, t.latestRevision(), t.publishedRevision(), null,
                t.scheduledArchiveAt(), t.submittedBy(), t.publishedAt(), now), AuditAction.APPROVED, "");
    }

    /** {@code IN_REVIEW → DRAFT}, back to the author with a comment. */
    public Step requestChanges(ArticleId id, Translation t, String comment, Instant now) {
        require(t.state() == TranslationState.IN_REVIEW, id, t, Action.REQUEST_CHANGES,
                "only a translation in review can be sent back");
        return new Step(with(t, TranslationState.DRAFT, t.latestRevision(), t.publishedRevision(), null,
                t.scheduledArchiveAt(), null, t.publishedAt(), now), AuditAction.CHANGES_REQUESTED, comment);
    }

    /** The latest revision goes live now. The caller runs the publish gate. */
    public Step publish(ArticleId id, Translation t, Instant now) {
        requirePublishable(id, t, Action.PUBLISH);
        return new Step(with(t, TranslationState.PUBLISHED, t.latestRevision(), t.latestRevision(), null,
                t.scheduledArchiveAt(), null, now, now), AuditAction.PUBLISHED, "");
    }

    /** {@code APPROVED → SCHEDULED}: the latest revision goes live at {@code at}. The caller runs the gate. */
    public Step schedulePublish(ArticleId id, Translation t, Instant at, Instant now) {
        requirePublishable(id, t, Action.SCHEDULE_PUBLISH);
        if (!at.isAfter(now)) {
            throw new ValidationException(List.of(new Violation("at", "the publish time " + at
                    + " is not in the future: publish now instead")));
        }
        return new Step(with(t, TranslationState.SCHEDULED, t.latestRevision(), t.publishedRevision(), at,
                t.scheduledArchiveAt(), t.submittedBy(), t.publishedAt(), now), AuditAction.PUBLISH_SCHEDULED,
                "at " + at);
    }

    /** Withdraws the published revision; a pending draft stays as it is. */
    public Step unpublish(ArticleId id, Translation t, Instant now) {
        require(t.isLive(), id, t, Action.UNPUBLISH, "it is not published");
        TranslationState next = t.state() == TranslationState.PUBLISHED ? TranslationState.DRAFT : t.state();
        return new Step(with(t, next, t.latestRevision(), null, t.scheduledPublishAt(), t.scheduledArchiveAt(),
                t.submittedBy(), null, now), AuditAction.UNPUBLISHED, "");
    }

    /** Any state but archived → {@code ARCHIVED}; a schedule is cancelled. */
    public Step archive(ArticleId id, Translation t, Instant now) {
        require(t.state() != TranslationState.ARCHIVED, id, t, Action.ARCHIVE, "it is already archived");
        return archived(t, now, "");
    }

    /** The translation will be archived at {@code at}. */
    public Step scheduleArchive(ArticleId id, Translation t, Instant at, Instant now) {
        require(t.state() != TranslationState.ARCHIVED, id, t, Action.SCHEDULE_ARCHIVE, "it is already archived");
        if (!at.isAfter(now)) {
            throw new ValidationException(List.of(new Violation("at", "the archive time " + at
                    + " is not in the future: archive now instead")));
        }
        return new Step(with(t, t.state(), t.latestRevision(), t.publishedRevision(), t.scheduledPublishAt(), at,
                t.submittedBy(), t.publishedAt(), now), AuditAction.ARCHIVE_SCHEDULED, "at " + at);
    }

    /** {@code ARCHIVED → DRAFT}. */
    public Step restoreFromArchive(ArticleId id, Translation t, Instant now) {
        require(t.state() == TranslationState.ARCHIVED, id, t, Action.RESTORE_FROM_ARCHIVE,
                "only archived translations can be restored");
        return new Step(with(t, TranslationState.DRAFT, t.latestRevision(), null, null, null, null, null, now),
                AuditAction.RESTORED_FROM_ARCHIVE, "");
    }

    /** Whether a scheduled archive of {@code t} has come due at {@code now}. */
    public static boolean archiveDue(Translation t, Instant now) {
        return t.scheduledArchiveAt() != null && !now.isBefore(t.scheduledArchiveAt())
                && t.state() != TranslationState.ARCHIVED;
    }

    /** Whether a scheduled publication of {@code t} has come due at {@code now}. */
    public static boolean publishDue(Translation t, Instant now) {
        return t.state() == TranslationState.SCHEDULED && t.scheduledPublishAt() != null
                && !now.isBefore(t.scheduledPublishAt());
    }

    /** The scheduled archive, as it runs when due. */
    public Step scheduledArchive(Translation t, Instant now) {
        return archived(t, now, "scheduled archive");
    }

    /**
     * The scheduled publication, as it runs when due: published, or back to {@code APPROVED} when the publish
     * gate now refuses it (a linked article was withdrawn since, say).
     */
    public Step scheduledPublish(Translation t, List<Violation> gateViolations, Instant now) {
        if (!gateViolations.isEmpty()) {
            return new Step(with(t, TranslationState.APPROVED, t.latestRevision(), t.publishedRevision(), null,
                    t.scheduledArchiveAt(), t.submittedBy(), t.publishedAt(), now), AuditAction.PUBLISH_SCHEDULED,
                    "scheduled publish refused: " + new ValidationException(gateViolations).getMessage());
        }
        return new Step(with(t, TranslationState.PUBLISHED, t.latestRevision(), t.latestRevision(), null,
                t.scheduledArchiveAt(), null, now, now), AuditAction.PUBLISHED, "scheduled publish");
    }

    private static Step archived(Translation t, Instant now, String detail) {
        return new Step(with(t, TranslationState.ARCHIVED, t.latestRevision(), null, null, null, null, null, now),
                AuditAction.ARCHIVED, detail);
    }

    /** {@code t} in a new state, keeping its locale and the source revision it was translated from. */
    private static Translation with(Translation t, TranslationState state, int latest, @Nullable Integer published,
                                    @Nullable Instant publishAt, @Nullable Instant archiveAt,
                                    @Nullable String submitter, @Nullable Instant livedAt, Instant now) {
        return new Translation(t.locale(), state, latest, published, t.translatedFrom(), publishAt, archiveAt,
                submitter, livedAt, now);
    }

    private void requirePublishable(ArticleId id, Translation t, Action action) {
        boolean ok = switch (t.state()) {
            case APPROVED -> true;
            case SCHEDULED -> action == Action.PUBLISH;
            case DRAFT, IN_REVIEW -> !reviewRequired;
            case PUBLISHED, ARCHIVED -> false;
        };
        String hint = switch (t.state()) {
            case PUBLISHED -> "its latest revision is already published";
            case ARCHIVED -> "restore it from the archive first";
            case SCHEDULED -> "it is already scheduled; publish it now or edit it to cancel the schedule";
            default -> "this knowledge base requires review: submit it and have it approved first";
        };
        require(ok, id, t, action, hint);
    }

    private static void require(boolean ok, ArticleId id, Translation t, Action action, String hint) {
        if (!ok) {
            throw new InvalidTransitionException(id, t.locale().toLanguageTag(), t.state(), action, hint);
        }
    }
}
