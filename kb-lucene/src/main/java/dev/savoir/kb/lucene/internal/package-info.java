/**
 * Implementation of the Lucene search engine, split by feature: {@code analysis}, {@code index}, {@code query},
 * {@code rank}, {@code search}, {@code highlight} and {@code assist}, with {@link
 * dev.savoir.kb.lucene.internal.LuceneEngine} (the SPI surface and the searcher lifecycle) here. Not an API: may
 * change in any release.
 */
@NullMarked
package dev.savoir.kb.lucene.internal;

import org.jspecify.annotations.NullMarked;
