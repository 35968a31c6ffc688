/**
 * Search analytics: what readers searched for, what they clicked, what they found nothing for (knowledge gaps), and
 * how often self-service deflected a ticket. Obtained from {@link dev.savoir.kb.KnowledgeBase#analytics()}.
 *
 * @since 0.1
 */
@NullMarked
package dev.savoir.kb.analytics;

import org.jspecify.annotations.NullMarked;
