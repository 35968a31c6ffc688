package dev.savoir.kb.lucene.internal.search;

import dev.savoir.kb.lucene.internal.index.Fields;
import dev.savoir.kb.search.SearchRequest.Facet;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.jspecify.annotations.Nullable;

/**
 * The facet ordinals of each segment, decoded once into heap arrays (about 4 bytes per document and value).
 *
 * <p>Counting facets visits every match; decoding compressed doc values for each of them dominated the hot path.
 * A segment's facet values never change (they are only replaced with the whole document), so its ordinals are read
 * once per facet, on its first use in the segment (refreshes warm the facets searches have used, off the query
 * path), and dropped when Lucene closes the segment.
 */
public final class FacetColumns {
    /**
     * One facet field of one segment. Single-valued fields keep one ordinal per document in {@code single} (-1: no
     * value); multi-valued ones keep {@code ords[start[d]..start[d+1])}. {@code labels} remembers each ordinal's
     * value once it was first looked up (ordinals never change within a segment; a racing lookup writes the same
     * immutable string).
     */
    record Column(int @Nullable [] single, int @Nullable [] start, int @Nullable [] ords, int valueCount,
                  @Nullable String[] labels) {
    }

    private final Map<IndexReader.CacheKey, Map<Facet, Column>> bySegment = new ConcurrentHashMap<>();

    /** A facet's column in a segment, decoded now if it is not yet; {@code null} if the reader cannot be cached. */
    @Nullable Column column(LeafReader reader, Facet facet) throws IOException {
        IndexReader.CacheHelper helper = reader.getCoreCacheHelper();
        if (helper == null) {
            return null;
        }
        IndexReader.CacheKey key = helper.getKey();
        Map<Facet, Column> columns = bySegment.get(key);
        if (columns == null) {
            columns = new ConcurrentHashMap<>();
            Map<Facet, Column> raced = bySegment.putIfAbsent(key, columns);
            if (raced == null) {
                helper.addClosedListener(bySegment::remove);
            } else {
                columns = raced;
            }
        }
        Column c = columns.get(facet);
        if (c == null) {
            c = decode(reader, facet);
            columns.putIfAbsent(facet, c);
        }
        return c;
    }

    /** How many segments are held (for tests). */
    int segments() {
        return bySegment.size();
    }

    /**
     * The value of an ordinal of a column of this segment: looked up in the doc values the first time, then
     * remembered in the column.
     */
    static String label(LeafReader reader, Facet facet, Column column, int ord) throws IOException {
        String label = column.labels()[ord];
        if (label == null) {
            label = (multiValued(facet) ? DocValues.getSortedSet(reader, field(facet)).lookupOrd(ord)
                    : DocValues.getSorted(reader, field(facet)).lookupOrd(ord)).utf8ToString();
            column.labels()[ord] = label;
        }
        return label;
    }

    private static String field(Facet facet) {
        return switch (facet) {
            case CATEGORY -> Fields.CAT;
            case TAG -> Fields.TAG;
            case TYPE -> Fields.TYPE;
            case LOCALE -> Fields.LOC;
        };
    }

    private static boolean multiValued(Facet facet) {
        return facet == Facet.CATEGORY || facet == Facet.TAG;
    }

    private static Column decode(LeafReader reader, Facet facet) throws IOException {
        int maxDoc = reader.maxDoc();
        return multiValued(facet) ? multi(DocValues.getSortedSet(reader, field(facet)), maxDoc)
                : single(DocValues.getSorted(reader, field(facet)), maxDoc);
    }

    private static Column multi(SortedSetDocValues dv, int maxDoc) throws IOException {
        int[] start = new int[maxDoc + 1];
        int[] ords = new int[Math.max(16, maxDoc)];
        int n = 0;
        int last = 0;
        for (int doc = dv.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = dv.nextDoc()) {
            for (int d = last + 1; d <= doc; d++) {
                start[d] = n;
            }
            last = doc;
            int count = dv.docValueCount();
            if (n + count > ords.length) {
                ords = Arrays.copyOf(ords, Math.max(n + count, ords.length + (ords.length >> 1)));
            }
            for (int i = 0; i < count; i++) {
                ords[n++] = (int) dv.nextOrd();
            }
        }
        for (int d = last + 1; d <= maxDoc; d++) {
            start[d] = n;
        }
        return new Column(null, start, Arrays.copyOf(ords, n), (int) dv.getValueCount(),
                new String[(int) dv.getValueCount()]);
    }

    private static Column single(SortedDocValues dv, int maxDoc) throws IOException {
        int[] single = new int[maxDoc];
        Arrays.fill(single, -1);
        for (int doc = dv.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = dv.nextDoc()) {
            single[doc] = dv.ordValue();
        }
        return new Column(single, null, null, dv.getValueCount(), new String[dv.getValueCount()]);
    }
}
