/**
 * Savoir's benchmarks and the tools of build pipelines: the deterministic knowledge-base generator
 * ({@link dev.savoir.kb.benchmarks.KbGenerator}), the JMH suite with raw-Lucene and bare-commonmark twins
 * ({@code *Bench}), the one-command hot path ({@link dev.savoir.kb.benchmarks.HotPath}), the regression gate
 * ({@link dev.savoir.kb.benchmarks.Gate}), the footprint probe ({@link dev.savoir.kb.benchmarks.Footprint}) and the
 * relevance evaluation ({@link dev.savoir.kb.benchmarks.Relevance}).
 *
 * @since 0.1
 */
@NullMarked
package dev.savoir.kb.benchmarks;

import org.jspecify.annotations.NullMarked;
