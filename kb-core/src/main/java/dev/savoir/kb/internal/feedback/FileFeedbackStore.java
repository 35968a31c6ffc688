package dev.savoir.kb.internal.feedback;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.feedback.FeedbackSummary;
import dev.savoir.kb.feedback.ReaderComment;
import dev.savoir.kb.feedback.VoteReason;
import dev.savoir.kb.privacy.ViewerRecord;
import dev.savoir.kb.spi.FeedbackStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The built-in {@link FeedbackStore}: the append-only feedback log of {@link FeedbackLog} in the knowledge base's
 * folder ({@code feedback/}), or in memory.
 */
public final class FileFeedbackStore implements FeedbackStore {
    private final FeedbackLog log;

    /**
     * @param directory where the log lives, or {@code null} to keep feedback in memory only
     * @param viewDedupWindow repeated views by one viewer within this window count once
     * @param clock the knowledge base's clock (the dedup window follows it)
     */
    public FileFeedbackStore(@Nullable Path directory, Duration viewDedupWindow, Clock clock) {
        this.log = new FeedbackLog(directory, viewDedupWindow, clock);
    }

    @Override
    public boolean recordView(ArticleId id, Locale locale, String viewerKey, Instant at) {
        return log.view(id, locale, viewerKey, at);
    }

    @Override
    public void recordVote(ArticleId id, Locale locale, String viewerKey, boolean helpful,
                           @Nullable VoteReason reason, @Nullable String comment, Instant at) {
        log.vote(id, locale, viewerKey, helpful, reason, comment, at);
    }

    @Override
    public void recordTicket(ArticleId id, String ticketId, Instant at) {
        log.ticket(id, ticketId, at);
    }

    @Override
    public void restore(ArticleId id, FeedbackSummary imported, Instant at) {
        log.restore(id, imported, at);
    }

    @Override
    public FeedbackSummary summary(ArticleId id) {
        return log.summary(id);
    }

    @Override
    public Map<ArticleId, FeedbackSummary> summaries() {
        return log.all();
    }

    @Override
    public long views(ArticleId id, Instant from, Instant to) {
        return log.views(id, from, to);
    }

    @Override
    public List<ReaderComment> comments(ArticleId id) {
        return log.comments(id).stream()
                .map(c -> new ReaderComment(c.articleId(), c.locale(), c.helpful(), c.reason(), c.text(), c.at()))
                .toList();
    }

    @Override
    public List<ViewerRecord> viewerRecords(String viewerKey) {
        List<FeedbackLog.RecentView> views = new ArrayList<>();
        List<ViewerRecord> out = new ArrayList<>();
        for (FeedbackLog.Event e : log.viewerEvents(viewerKey, views)) {
            out.add(ViewerRecord.vote(e.at(), ArticleId.of(e.article()),
                    Locale.forLanguageTag(String.valueOf(e.locale())), Boolean.TRUE.equals(e.helpful()),
                    e.reason() == null ? null : FeedbackLog.reason(e.reason()), e.comment()));
        }
        for (FeedbackLog.RecentView v : views) {
            out.add(ViewerRecord.view(v.at(), v.articleId(), v.locale()));
        }
        out.sort(Comparator.comparing(ViewerRecord::at));
        return out;
    }

    @Override
    public long eraseViewer(String viewerKey) {
        return log.erase(viewerKey);
    }

    @Override
    public void flush() {
        log.flush();
    }

    @Override
    public void close() {
        log.close();
    }
}
