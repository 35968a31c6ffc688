/**
 * Analysis: the per-language chains, the indexing analyzer that picks them by field, bounded token runs. Not an API:
 * may change in any release.
 */
@NullMarked
package dev.savoir.kb.lucene.internal.analysis;

import org.jspecify.annotations.NullMarked;
