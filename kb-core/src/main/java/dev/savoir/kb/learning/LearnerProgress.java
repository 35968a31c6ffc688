package dev.savoir.kb.learning;

import dev.savoir.kb.ArticleId;
import java.util.List;
import org.apiguardian.api.API;

/**
 * One learner's standing on one path: who is up to date on what.
 *
 * @param learner the actor's id
 * @param pathId the path
 * @param items every article of the path, in its order
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public record LearnerProgress(String learner, String pathId, List<ItemProgress> items) {
    public LearnerProgress {
        items = List.copyOf(items);
    }

    /** The articles that count: those published in the path's locale. */
    public long counted() {
        return items.stream().filter(i -> i.state() != ReadState.NOT_PUBLISHED).count();
    }

    /** The articles the learner is up to date on. */
    public long upToDate() {
        return items.stream().filter(i -> i.state() == ReadState.UP_TO_DATE).count();
    }

    /** The share of counted articles the learner is up to date on, 0 to 100 (100 when none counts). */
    public double percent() {
        long counted = counted();
        return counted == 0 ? 100.0 : 100.0 * upToDate() / counted;
    }

    /** Whether the learner is up to date on every counted article. */
    public boolean complete() {
        return upToDate() == counted();
    }

    /** What the learner is asked to read (again), in the path's order. */
    public List<ArticleId> toRead() {
        return items.stream().filter(i -> i.state() == ReadState.UNREAD || i.state() == ReadState.LAPSED)
                .map(ItemProgress::articleId).toList();
    }
}
