package dev.savoir.kb.lucene.internal;

import dev.savoir.kb.search.SearchRequest.Facet;
import java.io.IOException;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/** Counts facet values of every matching document from doc values (ordinals per segment, no stored fields). */
final class FacetCollector implements Collector {
    private final Set<Facet> wanted;
    final Map<Facet, Map<String, Long>> counts = new EnumMap<>(Facet.class);

    FacetCollector(Set<Facet> wanted) {
        this.wanted = wanted;
        for (Facet f : wanted) {
            counts.put(f, new HashMap<>());
        }
    }

    static CollectorManager<FacetCollector, Map<Facet, Map<String, Long>>> manager(Set<Facet> wanted) {
        return new CollectorManager<>() {
            @Override
            public FacetCollector newCollector() {
                return new FacetCollector(wanted);
            }

            @Override
            public Map<Facet, Map<String, Long>> reduce(Collection<FacetCollector> collectors) {
                Map<Facet, Map<String, Long>> out = new EnumMap<>(Facet.class);
                for (FacetCollector c : collectors) {
                    c.counts.forEach((f, m) -> {
                        Map<String, Long> target = out.computeIfAbsent(f, x -> new HashMap<>());
                        m.forEach((k, v) -> target.merge(k, v, Long::sum));
                    });
                }
                return out;
            }
        };
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
        SortedSetDocValues cat = wanted.contains(Facet.CATEGORY)
                ? DocValues.getSortedSet(context.reader(), Fields.CAT) : null;
        SortedSetDocValues tag = wanted.contains(Facet.TAG) ? DocValues.getSortedSet(context.reader(), Fields.TAG)
                : null;
        SortedDocValues type = wanted.contains(Facet.TYPE) ? DocValues.getSorted(context.reader(), Fields.TYPE) : null;
        SortedDocValues loc = wanted.contains(Facet.LOCALE) ? DocValues.getSorted(context.reader(), Fields.LOC) : null;
        int[] catCounts = cat == null ? null : new int[(int) cat.getValueCount()];
        int[] tagCounts = tag == null ? null : new int[(int) tag.getValueCount()];
        int[] typeCounts = type == null ? null : new int[type.getValueCount()];
        int[] locCounts = loc == null ? null : new int[loc.getValueCount()];
        return new LeafCollector() {
            @Override
            public void setScorer(Scorable scorer) {
            }

            @Override
            public void collect(int doc) throws IOException {
                if (cat != null && cat.advanceExact(doc)) {
                    for (int i = 0; i < cat.docValueCount(); i++) {
                        catCounts[(int) cat.nextOrd()]++;
                    }
                }
                if (tag != null && tag.advanceExact(doc)) {
                    for (int i = 0; i < tag.docValueCount(); i++) {
                        tagCounts[(int) tag.nextOrd()]++;
                    }
                }
                if (type != null && type.advanceExact(doc)) {
                    typeCounts[type.ordValue()]++;
                }
                if (loc != null && loc.advanceExact(doc)) {
                    locCounts[loc.ordValue()]++;
                }
            }

            @Override
            public void finish() throws IOException {
                if (cat != null) {
                    flush(counts.get(Facet.CATEGORY), catCounts, cat);
                }
                if (tag != null) {
                    flush(counts.get(Facet.TAG), tagCounts, tag);
                }
                if (type != null) {
                    flush(counts.get(Facet.TYPE), typeCounts, type);
                }
                if (loc != null) {
                    flush(counts.get(Facet.LOCALE), locCounts, loc);
                }
            }
        };
    }

    private static void flush(Map<String, Long> target, int[] c, SortedSetDocValues dv) throws IOException {
        for (int i = 0; i < c.length; i++) {
            if (c[i] > 0) {
                target.merge(dv.lookupOrd(i).utf8ToString(), (long) c[i], Long::sum);
            }
        }
    }

    private static void flush(Map<String, Long> target, int[] c, SortedDocValues dv) throws IOException {
        for (int i = 0; i < c.length; i++) {
            if (c[i] > 0) {
                target.merge(dv.lookupOrd(i).utf8ToString(), (long) c[i], Long::sum);
            }
        }
    }
}
