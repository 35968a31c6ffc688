package dev.savoir.kb.internal.feedback;

import dev.savoir.kb.Action;
import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleNotFoundException;
import dev.savoir.kb.ArticleView;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.feedback.FeedbackSummary;
import dev.savoir.kb.feedback.ReaderComment;
import dev.savoir.kb.feedback.VoteReason;
import dev.savoir.kb.internal.Check;
import dev.savoir.kb.internal.KbContext;
import dev.savoir.kb.internal.gate.InputLimits;
import dev.savoir.kb.internal.read.EditorReads;
import dev.savoir.kb.internal.read.ReaderView;
import dev.savoir.kb.privacy.ViewerRecord;
import dev.savoir.kb.search.ArticleSignals;
import dev.savoir.kb.spi.FeedbackStore;
import dev.savoir.kb.spi.SearchEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reader feedback: views and votes only on what the viewer may read (through the {@link ReaderView}), ticket links,
 * comments for editors, and the ranking signals (votes, 30-day views) pushed to the search engine in the background.
 */
public final class Feedback {
    private static final Logger LOG = LoggerFactory.getLogger(Feedback.class);
    /**
     * How far before the latest change time seen the next read of a shared store starts: a change is written (its
     * transaction commits) a little after the time it carries, so a read may see a later change before it.
     */
    static final Duration CHANGE_LOOKBACK = Duration.ofSeconds(2);
    private static final int CHANGES_PER_READ = 10_000;

    private final KbContext kb;
    private final FeedbackStore store;
    private final ReaderView reader;
    private final EditorReads editor;
    private final @Nullable SearchEngine engine;
    private final Set<ArticleId> signalsDirty = ConcurrentHashMap.newKeySet();
    /** The latest change time read from a shared store, on its clock; null before the first read. */
    private @Nullable Instant changesSeen;
    /** The articles read from a shared store within {@link #CHANGE_LOOKBACK} of the latest time, and that time. */
    private final Map<ArticleId, Instant> recentChanges = new HashMap<>();
    /** False once the store said only this knowledge base writes it. */
    private volatile boolean storeShared = true;

    public Feedback(KbContext kb, FeedbackStore store, ReaderView reader, EditorReads editor,
                    @Nullable SearchEngine engine) {
        this.kb = kb;
        this.store = store;
        this.reader = reader;
        this.editor = editor;
        this.engine = engine;
    }

    public FeedbackStore store() {
        return store;
    }

    public boolean recordView(@Nullable ViewerContext viewer, @Nullable String viewerKey, @Nullable ArticleId id) {
        kb.requireOpen();
        Check.notNull("viewer", viewer);
        InputLimits.checkKey("viewerKey", viewerKey);
        Optional<ArticleView> view = reader.read(viewer, id);
        if (view.isEmpty()) {
            return false;
        }
        boolean counted = store.recordView(view.get().id(), view.get().locale(), viewerKey, kb.clock().instant());
        if (counted) {
            signalsDirty.add(view.get().id());
        }
        return counted;
    }

    public FeedbackSummary vote(@Nullable ViewerContext viewer, @Nullable String viewerKey, @Nullable ArticleId id,
                                boolean helpful, @Nullable VoteReason reason, @Nullable String comment) {
        kb.requireOpen();
        Check.notNull("viewer", viewer);
        InputLimits.checkKey("viewerKey", viewerKey);
        Check.notNull("id", id);
        InputLimits.checkComment(comment);
        ArticleView view = reader.read(viewer, id).orElseThrow(() -> new ArticleNotFoundException("no article " + id));
        store.recordVote(id, view.locale(), viewerKey, helpful, reason, comment, kb.clock().instant());
        signalsDirty.add(id);
        pushSignals();
        return store.summary(id);
    }

    public FeedbackSummary linkTicket(@Nullable Actor agent, @Nullable ArticleId id, @Nullable String ticketId) {
        kb.requireOpen();
        Check.notNull("agent", agent);
        InputLimits.checkKey("ticketId", ticketId);
        kb.permit(agent, Action.LINK_TICKET, kb.load(id));
        store.recordTicket(id, ticketId, kb.clock().instant());
        return store.summary(id);
    }

    public FeedbackSummary summary(@Nullable ArticleId id) {
        kb.requireOpen();
        return store.summary(Check.notNull("id", id));
    }

    public long views(@Nullable ArticleId id, @Nullable Instant from, @Nullable Instant to) {
        kb.requireOpen();
        Check.notNull("id", id);
        Check.period(from, to);
        return store.views(id, from, to);
    }

    public List<ReaderComment> comments(@Nullable Actor actor, @Nullable ArticleId id) {
        editor.article(actor, id);
        return store.comments(id);
    }

    /** Adds an archive's feedback to the article's, and marks its signals for the search engine. */
    public void restore(ArticleId id, FeedbackSummary imported, Instant at) {
        store.restore(id, imported, at);
        signalsDirty.add(id);
    }

    /**
     * On a store shared with other nodes: marks for {@link #pushSignals()} the articles whose feedback any node
     * changed since the last read (all of them on the first), so that votes and views recorded on another node reach
     * this node's search engine too. Does nothing once the store said only this knowledge base writes it.
     */
    public synchronized void followStore() {
        if (engine == null || !storeShared) {
            return;
        }
        Instant since = changesSeen == null ? null : changesSeen.minus(CHANGE_LOOKBACK);
        while (true) {
            List<FeedbackStore.FeedbackChange> changes = store.changesSince(since, CHANGES_PER_READ);
            if (changes == null) {
                storeShared = false;
                return;
            }
            for (FeedbackStore.FeedbackChange c : changes) {
                if (!c.at().equals(recentChanges.put(c.article(), c.at()))) {
                    signalsDirty.add(c.article());
                }
                if (changesSeen == null || c.at().isAfter(changesSeen)) {
                    changesSeen = c.at();
                }
            }
            if (changes.size() < CHANGES_PER_READ || changes.getLast().at().equals(since)) {
                break;
            }
            since = changes.getLast().at();
        }
        if (changesSeen != null) {
            Instant keepFrom = changesSeen.minus(CHANGE_LOOKBACK);
            recentChanges.values().removeIf(at -> at.isBefore(keepFrom));
        }
    }

    /** Sends the ranking signals of articles whose feedback changed to the search engine. */
    public void pushSignals() {
        if (engine == null || signalsDirty.isEmpty()) {
            return;
        }
        Instant now = kb.clock().instant();
        List<ArticleId> ids = List.copyOf(signalsDirty);
        signalsDirty.removeAll(ids);
        // One read for the views of all of them (on start-up every article with feedback), not one per article.
        Map<ArticleId, Long> views;
        try {
            views = store.views(ids, now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(1)));
        } catch (RuntimeException e) {
            signalsDirty.addAll(ids);
            throw e;
        }
        for (ArticleId id : ids) {
            FeedbackSummary f = store.summary(id);
            try {
                engine.updateSignals(id, new ArticleSignals(f.helpful(), f.notHelpful(),
                        views.getOrDefault(id, 0L), now));
            } catch (RuntimeException e) {
                LOG.warn("Updating the ranking signals of {} failed", id, e);
            }
        }
    }

    /**
     * Erases everything the store keeps about {@code viewerKey}, and sends the ranking signals of the articles it had
     * voted on again, without its votes.
     */
    public long eraseViewer(String viewerKey) {
        List<ArticleId> voted = store.viewerRecords(viewerKey).stream()
                .filter(r -> r.kind() == ViewerRecord.Kind.VOTE && r.article() != null)
                .map(ViewerRecord::article).distinct().toList();
        long erased = store.eraseViewer(viewerKey);
        signalsDirty.addAll(voted);
        pushSignals();
        return erased;
    }

    public void flush() {
        store.flush();
    }
}
