/**
 * Hibernate Search (standalone POJO mapper, Lucene backend) on a BEIR collection, the other side of kb-benchmarks'
 * {@code SideBySide}; this module shares no code or classpath with Savoir.
 */
@NullMarked
package dev.savoir.kb.hsearch;

import org.jspecify.annotations.NullMarked;
