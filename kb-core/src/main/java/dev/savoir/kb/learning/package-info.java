/**
 * Learning paths with read acknowledgements: ordered sets of articles per role or team; an agent acknowledges having
 * read a revision; a new published revision not marked minor makes the acknowledgement lapse. Reached through
 * {@code KnowledgeBase.learningPaths()}.
 *
 * @since 0.3
 */
@NullMarked
package dev.savoir.kb.learning;

import org.jspecify.annotations.NullMarked;
