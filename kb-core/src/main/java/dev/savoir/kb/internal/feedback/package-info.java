/** Feedback (views, votes, ticket links) and its aggregates. Not exported. */
@NullMarked
package dev.savoir.kb.internal.feedback;

import org.jspecify.annotations.NullMarked;
