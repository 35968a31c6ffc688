package dev.savoir.kb.internal.store;

import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.Revision;
import dev.savoir.kb.spi.ArticleStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An article's in-memory entry in {@link FileArticleStore}: its state in compact form ({@link ArticleCodec}), the
 * sequence of its last change, when its next scheduled transition is due, and where its revisions and audit events
 * lie in the log. Immutable; replaced whole on each commit, so readers never see half of one.
 *
 * <p>Compact, because a store holds one per article in memory: the state is a {@code byte[]} decoded on read (the
 * store caches decoded articles); what full scans need (the last sequence, the next transition) are plain fields, so
 * that no scan decodes every article. The log offsets of every revision and event follow the article's state in the
 * same {@code byte[]}, laid out as {@code [revision count of each locale][revision offsets of the first locale, then
 * the next...][event offsets]} ({@link #offsets()}), the counts as varints, each offset as the zigzag varint of its
 * difference with the one before (the revisions and events of one commit share a frame: 1 byte); the locales sit in
 * a shared array.
 */
final class StoreEntry {
    private final ArticleId id;
    /** The article's compact state ({@link ArticleCodec}), then the offsets. */
    private final byte[] state;
    /** Where the offsets start in {@link #state}. */
    private final int articleBytes;
    private final ArticleCodec codec;
    private final long lastSequence;
    private final long nextTransition;
    private final Locale[] locales;

    /** The entry of {@code article}, encoded by {@code codec}. */
    StoreEntry(ArticleCodec codec, Article article, long lastSequence, Locale[] locales, long[] offsets) {
        this.id = Objects.requireNonNull(article, "article").id();
        this.codec = codec;
        this.lastSequence = lastSequence;
        this.nextTransition = TransitionIndex.key(ArticleStore.nextTransition(article));
        this.locales = locales;
        int revisions = 0;
        for (int i = 0; i < locales.length; i++) {
            if (i >= offsets.length || offsets[i] < 0) {
                throw new IllegalArgumentException("the offsets of " + id + " are malformed");
            }
            revisions += (int) offsets[i];
        }
        if (locales.length + (long) revisions > offsets.length) {
            throw new IllegalArgumentException("the offsets of " + id + " list " + revisions
                    + " revisions but hold " + (offsets.length - locales.length));
        }
        for (int i = locales.length; i < offsets.length; i++) {
            if (offsets[i] < 0) {
                throw new IllegalArgumentException("the offsets of " + id + " are malformed");
            }
        }
        byte[] a = codec.encode(article);
        byte[] o = new byte[offsets.length * 10];
        int n = 0;
        long previous = 0;
        for (int i = 0; i < offsets.length; i++) {
            long v = offsets[i];
            if (i >= locales.length) {
                long delta = offsets[i] - previous;
                v = (delta << 1) ^ (delta >> 63);
                previous = offsets[i];
            }
            while ((v & ~0x7FL) != 0) {
                o[n++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            o[n++] = (byte) v;
        }
        this.articleBytes = a.length;
        this.state = Arrays.copyOf(a, a.length + n);
        System.arraycopy(o, 0, state, a.length, n);
    }

    /** The article's id. */
    ArticleId id() {
        return id;
    }

    /** The article's current state, decoded (each call decodes: the store caches it). */
    Article article() {
        return codec.decode(id, state, articleBytes);
    }

    /** How many bytes its compact state and offsets take (for tests and measurements). */
    int stateBytes() {
        return state.length;
    }

    /**
     * When its next scheduled transition is due ({@link ArticleStore#nextTransition}), as {@link TransitionIndex#key}
     * milliseconds; {@link TransitionIndex#NONE} when none is scheduled.
     */
    long nextTransition() {
        return nextTransition;
    }

    /** The sequence number of the last commit that changed it. */
    long lastSequence() {
        return lastSequence;
    }

    /** The locales that have revisions, in the order their offsets are laid out (shared: do not modify). */
    Locale[] locales() {
        return locales;
    }

    /** The offsets (see the class comment), decoded: a new array on each call. */
    long[] offsets() {
        long[] out = new long[Math.max(4, locales.length + 2)];
        int n = 0;
        long previous = 0;
        int pos = articleBytes;
        while (pos < state.length) {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = state[pos++];
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    break;
                }
            }
            if (n >= locales.length) {
                previous += (v >>> 1) ^ -(v & 1);
                v = previous;
            }
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = v;
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** How many revisions {@code locale} has (0 if none). */
    int revisionCount(Locale locale) {
        int i = indexOf(locale);
        return i < 0 ? 0 : (int) offsets()[i];
    }

    /** The log offset of revision {@code number} (from 1) in {@code locale}, or -1 if it has none. */
    long revisionOffset(Locale locale, int number) {
        int i = indexOf(locale);
        long[] offsets = offsets();
        if (i < 0 || number < 1 || number > offsets[i]) {
            return -1;
        }
        return offsets[start(offsets, i) + number - 1];
    }

    /** The log offsets of the records holding its audit events, oldest first. */
    long[] eventOffsets() {
        long[] offsets = offsets();
        return Arrays.copyOfRange(offsets, start(offsets, locales.length), offsets.length);
    }

    /** How many records hold its audit events. */
    int eventRecords() {
        long[] offsets = offsets();
        return offsets.length - start(offsets, locales.length);
    }

    /**
     * The entry after a commit written at {@code offset}: its new state, its revisions' offsets recorded, one more
     * event record if it carried events.
     */
    static StoreEntry after(@org.jspecify.annotations.Nullable StoreEntry old, Article article, long sequence,
                            List<Revision> revisions, boolean hasEvents, long offset, Interner interner,
                            ArticleCodec codec) {
        List<Locale> locs = new ArrayList<>();
        List<long[]> revs = new ArrayList<>();
        long[] events = new long[0];
        if (old != null) {
            long[] offsets = old.offsets();
            for (int i = 0; i < old.locales.length; i++) {
                locs.add(old.locales[i]);
                int from = old.start(offsets, i);
                revs.add(Arrays.copyOfRange(offsets, from, from + (int) offsets[i]));
            }
            events = Arrays.copyOfRange(offsets, old.start(offsets, old.locales.length), offsets.length);
        }
        for (Revision r : revisions) {
            int i = locs.indexOf(r.locale());
            if (i < 0) {
                locs.add(interner.locale(r.locale()));
                revs.add(new long[0]);
                i = locs.size() - 1;
            }
            long[] next = Arrays.copyOf(revs.get(i), r.number());
            next[r.number() - 1] = offset;
            revs.set(i, next);
        }
        if (hasEvents) {
            events = Arrays.copyOf(events, events.length + 1);
            events[events.length - 1] = offset;
        }
        int size = locs.size() + events.length;
        for (long[] r : revs) {
            size += r.length;
        }
        long[] packed = new long[size];
        int at = locs.size();
        for (int i = 0; i < locs.size(); i++) {
            long[] r = revs.get(i);
            packed[i] = r.length;
            System.arraycopy(r, 0, packed, at, r.length);
            at += r.length;
        }
        System.arraycopy(events, 0, packed, at, events.length);
        return new StoreEntry(codec, article, sequence, interner.localeList(locs), packed);
    }

    private int indexOf(Locale locale) {
        for (int i = 0; i < locales.length; i++) {
            if (locales[i].equals(locale)) {
                return i;
            }
        }
        return -1;
    }

    /** Where the revision offsets of locale {@code localeIndex} start (the event offsets, past the last). */
    private int start(long[] offsets, int localeIndex) {
        int s = locales.length;
        for (int i = 0; i < localeIndex; i++) {
            s += (int) offsets[i];
        }
        return s;
    }

    /** Equal when they hold equal articles (decoded: dictionary indexes differ between stores) and the same rest. */
    @Override
    public boolean equals(Object o) {
        return o instanceof StoreEntry e && id.equals(e.id) && lastSequence == e.lastSequence
                && nextTransition == e.nextTransition && Arrays.equals(locales, e.locales)
                && Arrays.equals(offsets(), e.offsets()) && article().equals(e.article());
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, lastSequence, Arrays.hashCode(locales), Arrays.hashCode(offsets()));
    }

    @Override
    public String toString() {
        return "StoreEntry[" + id + " at " + lastSequence + ", " + Arrays.toString(locales) + " "
                + Arrays.toString(offsets()) + ", " + state.length + " bytes]";
    }
}
