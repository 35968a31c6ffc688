/**
 * Hits: stored fields of a match, its snippet and highlighted title. Not an API: may change in any release.
 */
@NullMarked
package dev.savoir.kb.lucene.internal.highlight;

import org.jspecify.annotations.NullMarked;
