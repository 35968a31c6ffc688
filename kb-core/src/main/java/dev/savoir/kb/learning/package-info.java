/**
 * Self-learning search: synonyms and typo corrections mined from the search log, proposed to knowledge managers in
 * an approval queue, and applied to searches once approved; and the KPI report of a period. Obtained from
 * {@link dev.savoir.kb.KnowledgeBase#learning()}.
 *
 * @since 0.3
 */
@NullMarked
package dev.savoir.kb.learning;

import org.jspecify.annotations.NullMarked;
