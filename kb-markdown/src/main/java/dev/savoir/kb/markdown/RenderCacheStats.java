package dev.savoir.kb.markdown;

import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.markdown.internal.Arguments;
import org.apiguardian.api.API;

/**
 * Statistics of a renderer's cache of rendered bodies.
 *
 * @param hits renderings served from the cache
 * @param misses renderings computed (including all of them when the cache is disabled)
 * @param evictions entries evicted to stay within the byte bound
 * @param estimatedBytes estimated size of the cached renderings (the link lists kept beside them take at most a
 *     sixteenth of the bound)
 * @param maximumBytes the bound, 0 when the cache is disabled
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record RenderCacheStats(long hits, long misses, long evictions, long estimatedBytes, long maximumBytes) {
    /** @throws InvalidArgumentException if a count or size is negative */
    public RenderCacheStats {
        Arguments.atLeast("hits", hits, 0);
        Arguments.atLeast("misses", misses, 0);
        Arguments.atLeast("evictions", evictions, 0);
        Arguments.atLeast("estimatedBytes", estimatedBytes, 0);
        Arguments.atLeast("maximumBytes", maximumBytes, 0);
    }

    /** Hits over requests, 0 when nothing was requested. */
    public double hitRate() {
        long requests = hits + misses;
        return requests == 0 ? 0 : (double) hits / requests;
    }
}
