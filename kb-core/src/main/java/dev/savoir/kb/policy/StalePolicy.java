package dev.savoir.kb.policy;

/**
 * What the knowledge base does with an article whose review date has passed.
 *
 * @since 0.1
 */
public enum StalePolicy {
    /** Report it as needing review; readers and search are unaffected. */
    FLAG,
    /** Report it and rank it lower in search. */
    DEMOTE,
    /** Report it and hide it from external viewers (agents still see it). */
    HIDE_FROM_EXTERNAL
}
