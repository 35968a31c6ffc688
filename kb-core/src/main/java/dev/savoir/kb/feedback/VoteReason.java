package dev.savoir.kb.feedback;

/**
 * Why a reader found an article not helpful.
 *
 * @since 0.1
 */
public enum VoteReason {
    OUTDATED,
    INCORRECT,
    UNCLEAR,
    DID_NOT_ANSWER,
    OTHER
}
