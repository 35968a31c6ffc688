/**
 * Hibernate Search (standalone POJO mapper, Lucene backend) on a BEIR collection, the other side of kb-benchmarks'
 * {@code SideBySide}; this module shares no code or classpath with Savoir.
 */
package dev.savoir.kb.hsearch;
