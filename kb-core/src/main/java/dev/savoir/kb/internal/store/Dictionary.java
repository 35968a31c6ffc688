package dev.savoir.kb.internal.store;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The distinct values of one kind (owners, categories, locales...) that a store's compact articles refer to by index
 * ({@link ArticleCodec}): each distinct value is held once, an article holds a small number. Append-only and bounded:
 * past {@code max} values, {@link #indexOf} answers -1 and the codec writes the value inline (a store whose values
 * never repeat gains nothing from a table, and must not grow one without bound). Thread-safe: lookups are lock-free,
 * additions are serialized.
 *
 * <p>An index is only ever read back by a thread that received the bytes holding it through a happens-before edge
 * (the store's map of entries), after the value was added: it sees the value.
 */
final class Dictionary<T> {
    private final int max;
    private final ConcurrentHashMap<T, Integer> indexes = new ConcurrentHashMap<>();
    private volatile Object[] values = new Object[16];
    private int size;

    /** A dictionary of at most {@code max} values. */
    Dictionary(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must be >= 0: " + max);
        }
        this.max = max;
    }

    /** The index of {@code value}, added if there is room; -1 when the dictionary is full and lacks it. */
    int indexOf(T value) {
        Integer i = indexes.get(value);
        return i != null ? i : add(value);
    }

    private synchronized int add(T value) {
        Integer i = indexes.get(value);
        if (i != null) {
            return i;
        }
        if (size >= max) {
            return -1;
        }
        Object[] vs = values;
        if (size == vs.length) {
            vs = Arrays.copyOf(vs, vs.length * 2);
        }
        vs[size] = value;
        values = vs;
        indexes.put(value, size);
        return size++;
    }

    /**
     * The value at {@code index}.
     *
     * @throws IllegalStateException if no value has that index (the bytes naming it are not this store's)
     */
    @SuppressWarnings("unchecked")
    T get(int index) {
        Object[] vs = values;
        Object v = index >= 0 && index < vs.length ? vs[index] : null;
        if (v == null) {
            throw new IllegalStateException("no dictionary value has index " + index);
        }
        return (T) v;
    }

    /** How many values it holds. */
    synchronized int size() {
        return size;
    }
}
