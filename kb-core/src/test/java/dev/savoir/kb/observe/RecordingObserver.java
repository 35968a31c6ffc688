package dev.savoir.kb.observe;

import dev.savoir.kb.io.ImportProgress;
import dev.savoir.kb.spi.KnowledgeBaseObserver;
import dev.savoir.kb.spi.ObservedKnowledgeBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/** Records everything it is told, and checks that each finish gets back what its start returned. */
final class RecordingObserver implements KnowledgeBaseObserver {
    final List<SearchDone> searches = new CopyOnWriteArrayList<>();
    final List<WriteDone> writes = new CopyOnWriteArrayList<>();
    final List<long[]> rebuilds = new CopyOnWriteArrayList<>();
    final List<ImportProgress> imports = new CopyOnWriteArrayList<>();
    final List<String> mismatched = new CopyOnWriteArrayList<>();
    volatile @Nullable ObservedKnowledgeBase opened;
    volatile boolean closed;

    private record Token(Object what) {
    }

    @Override
    public void opened(ObservedKnowledgeBase kb) {
        opened = kb;
    }

    @Override
    public Object searchStarted(SearchKind kind, ViewerKind viewer) {
        return new Token(kind + "/" + viewer);
    }

    @Override
    public void searchFinished(SearchDone done, @Nullable Object started) {
        if (!new Token(done.kind() + "/" + done.viewer()).equals(started)) {
            mismatched.add(done + " got " + started);
        }
        searches.add(done);
    }

    @Override
    public Object writeStarted(WriteKind kind, int articles) {
        return new Token(kind + "/" + articles);
    }

    @Override
    public void writeFinished(WriteDone done, @Nullable Object started) {
        if (!new Token(done.kind() + "/" + done.articles()).equals(started)) {
            mismatched.add(done + " got " + started);
        }
        writes.add(done);
    }

    @Override
    public void rebuildProgress(long indexed, long total) {
        rebuilds.add(new long[] {indexed, total});
    }

    @Override
    public void importProgress(ImportProgress progress) {
        imports.add(progress);
    }

    @Override
    public void closed() {
        closed = true;
    }
}
