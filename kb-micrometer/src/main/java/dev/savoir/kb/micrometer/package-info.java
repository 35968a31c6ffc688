/**
 * Micrometer metrics and observations of a knowledge base: {@link dev.savoir.kb.micrometer.SavoirMetrics}.
 *
 * @since 0.2
 */
@NullMarked
package dev.savoir.kb.micrometer;

import org.jspecify.annotations.NullMarked;
