package dev.savoir.kb.lucene.internal.index;

import dev.savoir.kb.lucene.internal.semantic.Passages;
import dev.savoir.kb.spi.BodyAnalysis;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background embedding of passages, off the write path: one daemon thread finds the published translations
 * marked as awaiting their passages (in the index itself, so that work left at a restart or a crash resumes), splits
 * each from what the index stored, gets the vectors (from the cache, else the model), and writes the passages and
 * clears the mark together, if that state of the article is still current ({@link PassageGuard}). Until then,
 * searches rank the translation lexically.
 */
public final class PassageWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PassageWorker.class);
    /** Translations taken per round. */
    private static final int ROUND = 16;
    private static final long IDLE_MS = 1_000;
    private static final long FAILURE_PAUSE_MS = 5_000;
    private static final Set<String> FIELDS = Set.of(Fields.ID, Fields.LOC, Fields.TITLE_STORED, Fields.BODY_STORED,
            Fields.META_STORED, Fields.SECTIONS_STORED);

    /** The engine's near-real-time searchers. */
    public interface Searchers {
        /** Makes everything written so far visible. */
        void refresh() throws IOException;

        IndexSearcher acquire() throws IOException;

        void release(IndexSearcher searcher) throws IOException;
    }

    private final Passages passages;
    private final LuceneIndex index;
    private final Searchers searchers;
    private final Thread thread;
    private final Object wake = new Object();
    /**
     * The token written per translation: a reader opened between writing the passages and clearing the mark still
     * shows the translation as pending, and must not get its passages twice.
     */
    private final java.util.Map<String, Long> written = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean closed;
    private boolean woken;

    public PassageWorker(Passages passages, LuceneIndex index, Searchers searchers, String name) {
        this.passages = passages;
        this.index = index;
        this.searchers = searchers;
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::run);
        index.onPending(this::wake);
        thread.start();
    }

    /** The published documents awaiting their passages. */
    static Query pendingQuery() {
        return new BooleanQuery.Builder()
                .add(NumericDocValuesField.newSlowExactQuery(Fields.EMBED_PENDING, 1), Occur.FILTER)
                .add(new TermQuery(new Term(Fields.KIND, Fields.PUB)), Occur.FILTER)
                .build();
    }

    /** How many translations await their passages, on a searcher that sees every write so far. */
    public long pending() throws IOException {
        searchers.refresh();
        IndexSearcher s = searchers.acquire();
        try {
            return s.count(pendingQuery());
        } finally {
            searchers.release(s);
        }
    }

    /**
     * How many passages (with their vectors) the index holds, on a searcher that sees every write so far: superseded
     * revisions, taken-down translations and vectors computed for a revision replaced meanwhile do not count.
     */
    public long written() throws IOException {
        searchers.refresh();
        IndexSearcher s = searchers.acquire();
        try {
            return s.count(new TermQuery(new Term(Fields.KIND, Fields.PSG)));
        } finally {
            searchers.release(s);
        }
    }

    private void wake() {
        synchronized (wake) {
            woken = true;
            wake.notifyAll();
        }
    }

    private void run() {
        while (!closed) {
            long pause = 0;
            try {
                if (round() == 0) {
                    pause = IDLE_MS;
                }
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.warn("Embedding passages failed; retrying in {} s", FAILURE_PAUSE_MS / 1000, e);
                pause = FAILURE_PAUSE_MS;
            }
            if (pause > 0) {
                synchronized (wake) {
                    if (!woken && !closed) {
                        try {
                            wake.wait(pause);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    woken = false;
                }
            }
        }
    }

    /** One round; returns how many translations got their passages. */
    private int round() throws IOException {
        searchers.refresh();
        long generation = index.guard().generation();
        IndexSearcher s = searchers.acquire();
        int done = 0;
        try {
            TopDocs todo = s.search(pendingQuery(), ROUND);
            StoredFields stored = s.storedFields();
            for (ScoreDoc sd : todo.scoreDocs) {
                if (closed) {
                    break;
                }
                Document d = stored.document(sd.doc, FIELDS);
                if (embed(d, generation)) {
                    done++;
                }
            }
        } finally {
            searchers.release(s);
        }
        return done;
    }

    private boolean embed(Document d, long generation) throws IOException {
        TranslationMeta meta = TranslationMeta.fromBytes(d.getBinaryValue(Fields.META_STORED).bytes);
        String key = Fields.embedKey(meta.id(), meta.locale());
        Long done = written.get(key);
        if (done != null && done == meta.token()) {
            return false;
        }
        String title = d.get(Fields.TITLE_STORED);
        String body = d.get(Fields.BODY_STORED);
        List<BodyAnalysis.Section> sections = Passages.decodeSections(d.getBinaryValue(Fields.SECTIONS_STORED).bytes);
        List<Passages.Chunk> chunks = passages.chunks(title, body == null ? "" : body, sections);
        List<float[]> vectors = passages.vectors(chunks);
        List<Document> docs = DocBuilder.passageDocs(meta, title, chunks, vectors, index.signalsOf(meta.id()));
        IndexWriter writer = index.writer();
        return index.guard().ifCurrent(meta.id(), meta.token(), generation, () -> {
            writer.addDocuments(docs);
            writer.updateNumericDocValue(new Term(Fields.EMBED_KEY, key), Fields.EMBED_PENDING, 0);
            written.put(key, meta.token());
        });
    }

    @Override
    public void close() {
        closed = true;
        wake();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
