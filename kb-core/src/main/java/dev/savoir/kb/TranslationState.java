package dev.savoir.kb;

/**
 * The workflow state of a translation's working revision. A translation that was published keeps serving its
 * published revision to readers while a newer working revision moves through {@code DRAFT → IN_REVIEW → APPROVED →
 * PUBLISHED} (see {@link Translation#publishedRevision()}).
 *
 * @since 0.1
 */
public enum TranslationState {
    /** Being written; not visible to readers (unless an older revision is published). */
    DRAFT,
    /** Submitted, waiting for a reviewer. */
    IN_REVIEW,
    /** Approved by a reviewer, ready to publish. */
    APPROVED,
    /** Approved, with a publish time in the future. */
    SCHEDULED,
    /** The latest revision is the one readers see. */
    PUBLISHED,
    /** Withdrawn: readers see nothing; can be restored. */
    ARCHIVED
}
