package dev.savoir.kb;

/**
 * Who an article is written for.
 *
 * @since 0.1
 */
public enum Audience {
    /** Agents and staff only (viewers whose context is internal). */
    INTERNAL,
    /** Anyone, including customers in a self-service help center. */
    PUBLIC,
    /** External viewers in at least one of the named segments (and all internal viewers). */
    SEGMENTS
}
