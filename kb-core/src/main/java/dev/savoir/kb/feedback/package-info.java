/**
 * Reader feedback: helpfulness votes with their reasons, comments, views and ticket links, as returned by
 * {@code KnowledgeBase.vote}, {@code feedback} and {@code comments}.
 *
 * @since 0.1
 */
@NullMarked
package dev.savoir.kb.feedback;

import org.jspecify.annotations.NullMarked;
