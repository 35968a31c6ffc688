package dev.savoir.kb.lucene.internal.index;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps the embedding worker from writing passages of an article state the index no longer holds. Each indexing of
 * an article gets a token, recorded under the article's lock as it is written; the worker writes a translation's
 * passages, under the same lock, only while the token stored with it is still the article's (or the article was not
 * indexed again since the engine opened), and only if no rebuild dropped everything meanwhile. So a passage never
 * outlives the visibility, locale or text it was built from. Thread-safe.
 */
final class PassageGuard {
    private static final int STRIPES = 64;

    private final Object[] stripes = new Object[STRIPES];
    private final Map<String, Long> current = new ConcurrentHashMap<>();
    private final ReentrantReadWriteLock rebuild = new ReentrantReadWriteLock();
    private volatile long generation;

    PassageGuard() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    private Object stripe(String id) {
        return stripes[Math.floorMod(id.hashCode(), STRIPES)];
    }

    /** An action on the index that may throw. */
    @FunctionalInterface
    interface Write {
        void run() throws java.io.IOException;
    }

    /** Writes an article's documents and records the token of that state. */
    void written(String id, long token, Write write) throws java.io.IOException {
        synchronized (stripe(id)) {
            write.run();
            current.put(id, token);
        }
    }

    /** Drops everything (a rebuild): passages read before it are never written after it. */
    void dropAll(Write write) throws java.io.IOException {
        rebuild.writeLock().lock();
        try {
            write.run();
            current.clear();
            generation++;
        } finally {
            rebuild.writeLock().unlock();
        }
    }

    /** The generation to compare with when writing what was read now. */
    long generation() {
        return generation;
    }

    /**
     * Runs {@code write} if the article's state with {@code token} is still in the index and no rebuild happened
     * since {@code generation}; returns whether it ran.
     */
    boolean ifCurrent(String id, long token, long generationRead, Write write) throws java.io.IOException {
        rebuild.readLock().lock();
        try {
            if (generation != generationRead) {
                return false;
            }
            synchronized (stripe(id)) {
                Long now = current.get(id);
                if (now != null && now != token) {
                    return false;
                }
                write.run();
                return true;
            }
        } finally {
            rebuild.readLock().unlock();
        }
    }
}
