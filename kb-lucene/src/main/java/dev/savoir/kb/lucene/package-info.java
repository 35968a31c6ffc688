/**
 * The Lucene search engine of Savoir: pass {@link dev.savoir.kb.lucene.LuceneSearchEngine#factory()} (or a
 * configured {@link dev.savoir.kb.lucene.LuceneSearchEngine#builder()}) to
 * {@code KnowledgeBase.builder().searchEngine(...)}.
 *
 * @since 0.1
 */
@NullMarked
package dev.savoir.kb.lucene;

import org.jspecify.annotations.NullMarked;
