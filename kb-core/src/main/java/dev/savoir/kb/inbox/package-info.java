/**
 * The feedback inbox: agents and customers flag an article or suggest an edit; items are routed to the article's
 * owner (or its category's), move {@code OPEN → ACCEPTED → DONE} or to {@code REJECTED}, carry comments, a due date
 * and their own audit trail; accepting a suggested edit creates a draft revision. Reached through
 * {@code KnowledgeBase.inbox()}.
 *
 * @since 0.3
 */
@NullMarked
package dev.savoir.kb.inbox;

import org.jspecify.annotations.NullMarked;
