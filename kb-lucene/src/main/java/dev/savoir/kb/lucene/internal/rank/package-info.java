/**
 * Ranking: the knowledge-base signals that multiply text scores, and the top-k collector that ranks by them. Not an
 * API: may change in any release.
 */
@NullMarked
package dev.savoir.kb.lucene.internal.rank;

import org.jspecify.annotations.NullMarked;
