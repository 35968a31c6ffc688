/** How {@code SavoirMetrics} keeps its meters and observations; not exported. */
@NullMarked
package dev.savoir.kb.micrometer.internal;

import org.jspecify.annotations.NullMarked;
