/**
 * Query building: what the user typed, the viewer and request filters, the text query, promotion rules. Not an API:
 * may change in any release.
 */
@NullMarked
package dev.savoir.kb.lucene.internal.query;

import org.jspecify.annotations.NullMarked;
