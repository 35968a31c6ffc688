package dev.savoir.kb.lucene.internal.index;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.jspecify.annotations.Nullable;

/**
 * Values computed from a segment's immutable core (its terms, its stored fields), cached per core: an entry stays
 * valid until Lucene closes the core, when the segment's entries are dropped. Bounded per segment: beyond
 * {@code maxPerSegment} entries the least recently used is dropped. A leaf without a core cache helper caches
 * nothing. Thread-safe; a value must not be modified once put.
 *
 * @param <K> what a value depends on besides the segment
 * @param <V> the value
 */
public final class SegmentCache<K, V> {
    private final int maxPerSegment;
    private final Map<IndexReader.CacheKey, Map<K, V>> bySegment = new ConcurrentHashMap<>();

    /** A cache of at most {@code maxPerSegment} entries per segment (at least one). */
    public SegmentCache(int maxPerSegment) {
        if (maxPerSegment < 1) {
            throw new IllegalArgumentException("maxPerSegment must be at least 1: " + maxPerSegment);
        }
        this.maxPerSegment = maxPerSegment;
    }

    /** The value cached for {@code key} in the leaf's segment, {@code null} when there is none. */
    public @Nullable V get(LeafReaderContext leaf, K key) {
        IndexReader.CacheHelper helper = leaf.reader().getCoreCacheHelper();
        Map<K, V> entries = helper == null ? null : bySegment.get(helper.getKey());
        return entries == null ? null : entries.get(key);
    }

    /**
     * Caches {@code value} for {@code key} in the leaf's segment (a racing put of the same key, computed from the same
     * segment, is equal: either may stay).
     */
    public void put(LeafReaderContext leaf, K key, V value) {
        IndexReader.CacheHelper helper = leaf.reader().getCoreCacheHelper();
        if (helper != null) {
            entries(helper).put(key, value);
        }
    }

    /** How many segments have entries. */
    public int segments() {
        return bySegment.size();
    }

    /** How many entries the leaf's segment has. */
    public int size(LeafReaderContext leaf) {
        IndexReader.CacheHelper helper = leaf.reader().getCoreCacheHelper();
        Map<K, V> entries = helper == null ? null : bySegment.get(helper.getKey());
        return entries == null ? 0 : entries.size();
    }

    private Map<K, V> entries(IndexReader.CacheHelper helper) {
        IndexReader.CacheKey key = helper.getKey();
        Map<K, V> entries = bySegment.get(key);
        if (entries == null) {
            int max = maxPerSegment;
            entries = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                    return size() > max;
                }
            });
            Map<K, V> raced = bySegment.putIfAbsent(key, entries);
            if (raced == null) {
                helper.addClosedListener(bySegment::remove);
            } else {
                entries = raced;
            }
        }
        return entries;
    }
}
