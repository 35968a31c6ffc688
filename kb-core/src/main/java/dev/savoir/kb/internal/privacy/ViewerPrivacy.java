package dev.savoir.kb.internal.privacy;

import dev.savoir.kb.internal.KbContext;
import dev.savoir.kb.internal.feedback.Feedback;
import dev.savoir.kb.internal.gate.InputLimits;
import dev.savoir.kb.internal.search.SearchService;
import dev.savoir.kb.privacy.ViewerData;
import dev.savoir.kb.privacy.ViewerRecord;
import dev.savoir.kb.spi.AnalyticsStore;
import dev.savoir.kb.spi.WorkflowStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The facade's right-of-access and erasure calls for one viewer key: what analytics recorded under it as a session
 * id, what feedback recorded under it as a viewer key, the inbox items a customer submitted under it, and the
 * popular-query counts it took part in.
 */
public final class ViewerPrivacy {
    private final KbContext context;
    private final Feedback feedback;
    private final AnalyticsStore analytics;
    private final SearchService search;
    private final WorkflowStore workflow;

    public ViewerPrivacy(KbContext context, Feedback feedback, AnalyticsStore analytics, SearchService search,
                         WorkflowStore workflow) {
        this.context = context;
        this.workflow = workflow;
        this.feedback = feedback;
        this.analytics = analytics;
        this.search = search;
    }

    /** Everything recorded about {@code viewerKey}, oldest first. */
    public ViewerData export(@Nullable String viewerKey) {
        String key = InputLimits.checkKey("viewerKey", viewerKey);
        context.requireOpen();
        List<ViewerRecord> records = new ArrayList<>(analytics.viewerRecords(key));
        records.addAll(feedback.store().viewerRecords(key));
        records.sort(Comparator.comparing(ViewerRecord::at));
        return new ViewerData(key, records, workflow.viewerItems(key));
    }

    /** Erases everything recorded about {@code viewerKey}, durably; returns how many records went. */
    public long erase(@Nullable String viewerKey) {
        String key = InputLimits.checkKey("viewerKey", viewerKey);
        context.requireOpen();
        search.eraseViewer(key);
        return analytics.eraseViewer(key) + feedback.eraseViewer(key) + workflow.eraseViewer(key);
    }
}
