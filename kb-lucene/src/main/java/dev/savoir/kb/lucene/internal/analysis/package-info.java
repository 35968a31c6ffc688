/** Analysis: the per-language chains and bounded token runs. Not an API: may change in any release. */
@NullMarked
package dev.savoir.kb.lucene.internal.analysis;

import org.jspecify.annotations.NullMarked;
