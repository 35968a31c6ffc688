/**
 * Privacy of readers: what was recorded about one viewer key (its searches, clicks, tickets, views and votes), as
 * {@link dev.savoir.kb.KnowledgeBase#exportViewer} returns it for a right-of-access request and
 * {@link dev.savoir.kb.KnowledgeBase#eraseViewer} removes it.
 *
 * @since 0.2
 */
@NullMarked
package dev.savoir.kb.privacy;

import org.jspecify.annotations.NullMarked;
