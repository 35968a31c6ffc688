/** Implementation of the Lucene search engine; not an API, may change in any release. */
@NullMarked
package dev.savoir.kb.lucene.internal;

import org.jspecify.annotations.NullMarked;
