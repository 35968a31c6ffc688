/**
 * Service provider interfaces: what a store, a search engine or a content renderer implements to plug into a
 * {@link dev.savoir.kb.KnowledgeBase}. Hosts do not call these; they pass implementations to the builder.
 *
 * <p>Every type here is <b>experimental</b> until it has a second implementation: it may change in a minor release.
 * Each SPI comes with a conformance kit in kb-core's test jar ({@code dev.savoir.kb.spi.tck}) that an
 * implementation runs by subclassing.
 *
 * @since 0.1
 */
@NullMarked
package dev.savoir.kb.spi;

import org.jspecify.annotations.NullMarked;
