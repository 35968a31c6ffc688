package dev.savoir.kb.internal.store;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.spi.ArticleStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The articles with a scheduled transition ({@link ArticleStore#nextTransition}), ordered by when it is due, so that
 * {@link ArticleStore#transitionsDue} reads only the due ones instead of every article. Thread-safe: an update and a
 * read exclude each other (an iteration running beside a move could pass the new place before the old one is
 * removed, and miss the article), and both are short.
 *
 * <p>Times are {@link #key} milliseconds, rounded down: an article due within the millisecond after {@code now} may
 * be listed too (the contract allows more; the scheduler checks each), one due at or before {@code now} never misses.
 */
final class TransitionIndex {
    /** The key of "no transition scheduled". */
    static final long NONE = Long.MAX_VALUE;

    private record Due(long at, ArticleId id) {
    }

    private final TreeSet<Due> due = new TreeSet<>(
            Comparator.comparingLong(Due::at).thenComparing(Due::id));

    /**
     * The index key of an instant: its epoch milliseconds rounded down, saturated at the ends of the range (so it
     * stays monotonic); {@link #NONE} for {@code null}.
     */
    static long key(@Nullable Instant at) {
        if (at == null) {
            return NONE;
        }
        long seconds = at.getEpochSecond();
        if (seconds >= Long.MAX_VALUE / 1000 - 1) {
            return NONE - 1;
        }
        if (seconds <= Long.MIN_VALUE / 1000 + 1) {
            return Long.MIN_VALUE;
        }
        return seconds * 1000 + at.getNano() / 1_000_000;
    }

    /**
     * Whether an article whose next transition has key {@code next} is listed as due at {@code now}: the one rule
     * of {@link #due}, for stores that scan instead.
     */
    static boolean isDue(long next, Instant now) {
        return next != NONE && next <= key(now);
    }

    /** Moves {@code id} from key {@code before} to key {@code after} (either may be {@link #NONE}). */
    synchronized void update(ArticleId id, long before, long after) {
        if (before == after) {
            return;
        }
        if (before != NONE) {
            due.remove(new Due(before, id));
        }
        if (after != NONE) {
            due.add(new Due(after, id));
        }
    }

    /** Forgets every article. */
    synchronized void clear() {
        due.clear();
    }

    /** The articles listed as due at {@code now} ({@link #isDue}), sorted by id (each once: one place each). */
    List<ArticleId> due(Instant now) {
        List<ArticleId> out = dueUnsorted(now);
        out.sort(null);
        return out;
    }

    private synchronized List<ArticleId> dueUnsorted(Instant now) {
        long limit = key(now);
        List<ArticleId> out = new ArrayList<>();
        for (Due d : due) {
            if (d.at() > limit) {
                break;
            }
            out.add(d.id());
        }
        return out;
    }

    /** How many articles have a scheduled transition. */
    synchronized int size() {
        return due.size();
    }
}
