/**
 * Indexing: opening the index (schema check, rebuild), documents and their fields, ranking signals, commits with the
 * store sequence. Not an API: may change in any release.
 */
@NullMarked
package dev.savoir.kb.lucene.internal.index;

import org.jspecify.annotations.NullMarked;
