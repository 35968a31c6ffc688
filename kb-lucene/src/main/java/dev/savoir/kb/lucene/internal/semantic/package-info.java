/** Passages and vectors: chunking, the embedding cache, the model's vectors. */
@NullMarked
package dev.savoir.kb.lucene.internal.semantic;

import org.jspecify.annotations.NullMarked;
