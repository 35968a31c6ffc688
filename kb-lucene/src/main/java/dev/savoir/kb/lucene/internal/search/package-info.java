/**
 * Search: the plan, ranking, hit and facet counting, pins and paging, explanations. Not an API: may change in any
 * release.
 */
@NullMarked
package dev.savoir.kb.lucene.internal.search;

import org.jspecify.annotations.NullMarked;
