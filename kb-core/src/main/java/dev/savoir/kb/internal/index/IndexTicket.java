package dev.savoir.kb.internal.index;

/**
 * A write on its way to the search index, taken before the write reaches the store and given back once it is
 * indexed (or handed to the repair set, or abandoned when the store refuses the write). Its floor is the store's
 * last sequence when the write began: while the ticket is out, the index's applied sequence stays at or below it.
 */
public final class IndexTicket {
    /** The ticket of a knowledge base without a search engine: nothing to track. */
    static final IndexTicket NONE = new IndexTicket(Long.MAX_VALUE, true);

    final long floor;
    boolean done;

    IndexTicket(long floor) {
        this(floor, false);
    }

    private IndexTicket(long floor, boolean done) {
        this.floor = floor;
        this.done = done;
    }
}
