/**
 * Knowledge that learns and teaches. Self-learning search: synonyms and typo corrections mined from the search log,
 * proposed to knowledge managers in an approval queue, and applied to searches once approved, and the KPI report of
 * a period ({@link dev.savoir.kb.KnowledgeBase#learning()}). Learning paths with read acknowledgements: ordered sets
 * of articles per role or team; an agent acknowledges having read a revision; a new published revision not marked
 * minor makes the acknowledgement lapse ({@link dev.savoir.kb.KnowledgeBase#learningPaths()}).
 *
 * @since 0.3
 */
@NullMarked
package dev.savoir.kb.learning;

import org.jspecify.annotations.NullMarked;
