/** Self-learning search (mining the search log, the approval queue, the decisions' stores) and the KPI report. */
@NullMarked
package dev.savoir.kb.internal.learning;

import org.jspecify.annotations.NullMarked;
