/**
 * Savoir's API: the {@link dev.savoir.kb.KnowledgeBase} facade and the values a host application passes to it and
 * receives from it.
 *
 * <p>Everything in this package is stable API unless marked otherwise. Every failure is a subclass of
 * {@link dev.savoir.kb.KbException}, an unchecked exception; callers branch on the subclasses.
 *
 * @since 0.1
 */
@NullMarked
package dev.savoir.kb;

import org.jspecify.annotations.NullMarked;
