/**
 * Knowledge managers' reports: reviews due, stale articles, outdated translations, the most viewed and the least
 * helpful articles, as returned by the {@code KnowledgeBase} report methods.
 *
 * @since 0.1
 */
@NullMarked
package dev.savoir.kb.reports;

import org.jspecify.annotations.NullMarked;
