/**
 * The OpenSearch engine's internals: the cluster access, the index layout, the viewer filter and the queries. Not
 * an API: nothing here is exported.
 */
@NullMarked
package dev.savoir.kb.opensearch.internal;

import org.jspecify.annotations.NullMarked;
