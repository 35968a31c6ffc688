package dev.savoir.kb.lucene.internal.search;

import dev.savoir.kb.KbException;
import dev.savoir.kb.search.SearchRequest.Facet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;

/**
 * Counts the matching documents and the facet values of each, from the segments' ordinal columns (no stored fields,
 * no scores, no doc-values decoding per match).
 */
public final class FacetCollector implements Collector {
    private final Set<Facet> wanted;
    private final FacetColumns columns;
    final Map<Facet, Map<String, Long>> counts = new EnumMap<>(Facet.class);
    long hits;

    /** The counts per facet value, and how many documents matched. */
    public record Result(Map<Facet, Map<String, Long>> counts, long hits) {
    }

    public FacetCollector(Set<Facet> wanted, FacetColumns columns) {
        this.wanted = wanted;
        this.columns = columns;
        for (Facet f : wanted) {
            counts.put(f, new HashMap<>());
        }
    }

    public static CollectorManager<FacetCollector, Result> manager(Set<Facet> wanted, FacetColumns columns) {
        return new CollectorManager<>() {
            @Override
            public FacetCollector newCollector() {
                return new FacetCollector(wanted, columns);
            }

            @Override
            public Result reduce(Collection<FacetCollector> collectors) {
                if (collectors.size() == 1) {
                    FacetCollector only = collectors.iterator().next();
                    return new Result(only.counts, only.hits);
                }
                Map<Facet, Map<String, Long>> out = new EnumMap<>(Facet.class);
                long hits = 0;
                for (FacetCollector c : collectors) {
                    hits += c.hits;
                    c.counts.forEach((f, m) -> {
                        Map<String, Long> target = out.computeIfAbsent(f, x -> new HashMap<>());
                        m.forEach((k, v) -> target.merge(k, v, Long::sum));
                    });
                }
                return new Result(out, hits);
            }
        };
    }

    /**
     * {@code counts} plus the facet values of {@code docs} (top-level document ids, each counted once), as a new
     * map.
     */
    static Map<Facet, Map<String, Long>> plus(Map<Facet, Map<String, Long>> counts, IndexReader reader,
                                              List<ScoreDoc> docs, Set<Facet> wanted, FacetColumns columns)
            throws IOException {
        FacetCollector extra = new FacetCollector(wanted, columns);
        List<LeafReaderContext> leaves = reader.leaves();
        int[] sorted = docs.stream().mapToInt(d -> d.doc).sorted().distinct().toArray();
        int i = 0;
        while (i < sorted.length) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sorted[i], leaves));
            LeafCollector lc = extra.getLeafCollector(leaf);
            int end = leaf.docBase + leaf.reader().maxDoc();
            for (; i < sorted.length && sorted[i] < end; i++) {
                lc.collect(sorted[i] - leaf.docBase);
            }
            lc.finish();
        }
        Map<Facet, Map<String, Long>> out = new EnumMap<>(Facet.class);
        counts.forEach((f, m) -> out.put(f, new HashMap<>(m)));
        extra.counts.forEach((f, m) -> {
            Map<String, Long> target = out.computeIfAbsent(f, x -> new HashMap<>());
            m.forEach((k, v) -> target.merge(k, v, Long::sum));
        });
        return out;
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }

    /** One facet of one segment: its column and a count per ordinal. */
    private record Counting(Facet facet, FacetColumns.Column column, int[] counts) {
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
        LeafReader reader = context.reader();
        List<Counting> list = new ArrayList<>(wanted.size());
        for (Facet f : wanted) {
            FacetColumns.Column column = columns.column(reader, f);
            if (column == null) {
                throw new KbException("counting facets needs segments that can be cached, and " + reader
                        + " cannot: report this as a bug of kb-lucene");
            }
            list.add(new Counting(f, column, new int[column.valueCount()]));
        }
        Counting[] all = list.toArray(Counting[]::new);
        // Split by shape so that the per-match loop is plain array arithmetic.
        int[][] singleOrds = list.stream().filter(c -> c.column().single() != null).map(c -> c.column().single())
                .toArray(int[][]::new);
        int[][] singleCounts = list.stream().filter(c -> c.column().single() != null).map(Counting::counts)
                .toArray(int[][]::new);
        List<Counting> multi = list.stream().filter(c -> c.column().single() == null).toList();
        int[][] multiStart = multi.stream().map(c -> c.column().start()).toArray(int[][]::new);
        int[][] multiOrds = multi.stream().map(c -> c.column().ords()).toArray(int[][]::new);
        int[][] multiCounts = multi.stream().map(Counting::counts).toArray(int[][]::new);
        return new LeafCollector() {
            @Override
            public void setScorer(Scorable scorer) {
            }

            @Override
            public void collect(int doc) {
                hits++;
                for (int f = 0; f < singleOrds.length; f++) {
                    int ord = singleOrds[f][doc];
                    if (ord >= 0) {
                        singleCounts[f][ord]++;
                    }
                }
                for (int f = 0; f < multiStart.length; f++) {
                    int[] start = multiStart[f];
                    int[] ords = multiOrds[f];
                    int[] n = multiCounts[f];
                    for (int i = start[doc], end = start[doc + 1]; i < end; i++) {
                        n[ords[i]]++;
                    }
                }
            }

            @Override
            public void finish() throws IOException {
                for (Counting c : all) {
                    Map<String, Long> target = counts.get(c.facet());
                    int[] n = c.counts();
                    for (int i = 0; i < n.length; i++) {
                        if (n[i] > 0) {
                            target.merge(FacetColumns.label(reader, c.facet(), c.column(), i), (long) n[i],
                                    Long::sum);
                        }
                    }
                }
            }
        };
    }
}
