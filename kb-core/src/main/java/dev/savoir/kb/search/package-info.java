/**
 * Search requests and results, as the host sees them through {@link dev.savoir.kb.KnowledgeBase#search}.
 *
 * @since 0.1
 */
@NullMarked
package dev.savoir.kb.search;

import org.jspecify.annotations.NullMarked;
