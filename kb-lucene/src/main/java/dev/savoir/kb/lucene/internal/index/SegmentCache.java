package dev.savoir.kb.lucene.internal.index;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.jspecify.annotations.Nullable;

/**
 * Values computed from a segment's immutable core (its terms, its stored fields), cached per core: an entry stays
 * valid until Lucene closes the core, when the segment's entries are dropped. Bounded: beyond {@code maxEntries}
 * entries over all segments the least recently used is dropped. A leaf without a core cache helper caches nothing.
 * Thread-safe; a value must not be modified once put.
 *
 * @param <K> what a value depends on besides the segment
 * @param <V> the value
 */
public final class SegmentCache<K, V> {
    /** An entry's key: the segment's core and what the value depends on besides. */
    private record Slot<K>(IndexReader.CacheKey core, K key) {
    }

    private final Map<Slot<K>, V> entries;
    private final Set<IndexReader.CacheKey> cores = ConcurrentHashMap.newKeySet();

    /** A cache of at most {@code maxEntries} entries (at least one). */
    public SegmentCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
        }
        entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Slot<K>, V> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The value cached for {@code key} in the leaf's segment, {@code null} when there is none. */
    public @Nullable V get(LeafReaderContext leaf, K key) {
        IndexReader.CacheHelper helper = leaf.reader().getCoreCacheHelper();
        if (helper == null) {
            return null;
        }
        Slot<K> e = new Slot<>(helper.getKey(), key);
        synchronized (entries) {
            return entries.get(e);
        }
    }

    /**
     * Caches {@code value} for {@code key} in the leaf's segment (a racing put of the same key, computed from the same
     * segment, is equal: either may stay).
     */
    public void put(LeafReaderContext leaf, K key, V value) {
        IndexReader.CacheHelper helper = leaf.reader().getCoreCacheHelper();
        if (helper == null) {
            return;
        }
        IndexReader.CacheKey core = helper.getKey();
        if (cores.add(core)) {
            helper.addClosedListener(this::drop);
        }
        synchronized (entries) {
            entries.put(new Slot<>(core, key), value);
        }
    }

    /** How many segments have had entries and are still open. */
    public int segments() {
        return cores.size();
    }

    /** How many entries the leaf's segment has. */
    public int size(LeafReaderContext leaf) {
        IndexReader.CacheHelper helper = leaf.reader().getCoreCacheHelper();
        if (helper == null) {
            return 0;
        }
        IndexReader.CacheKey core = helper.getKey();
        synchronized (entries) {
            return (int) entries.keySet().stream().filter(e -> e.core() == core).count();
        }
    }

    /** Drops the entries of a closed core. */
    private void drop(IndexReader.CacheKey core) {
        synchronized (entries) {
            entries.keySet().removeIf(e -> e.core() == core);
        }
        cores.remove(core);
    }
}
