/**
 * Self-learning search (mining the search log, the approval queue, the decisions' stores) and the KPI report; the
 * learning paths behind {@link dev.savoir.kb.learning.LearningPaths} (acknowledgements and their lapse, reports).
 */
@NullMarked
package dev.savoir.kb.internal.learning;

import org.jspecify.annotations.NullMarked;
