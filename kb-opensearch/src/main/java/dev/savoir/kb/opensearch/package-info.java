/**
 * Savoir's search engine on an OpenSearch cluster, behind kb-core's search SPI: {@link OpenSearchEngine}.
 */
@NullMarked
package dev.savoir.kb.opensearch;

import org.jspecify.annotations.NullMarked;
