package dev.savoir.kb.learning;

import dev.savoir.kb.Action;
import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleId;
import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * Learning paths of one knowledge base ({@code KnowledgeBase.learningPaths()}): ordered sets of articles per role
 * or team, read acknowledgements, and who is up to date on what.
 *
 * <pre>{@code
 * kb.learningPaths().save(manager, new LearningPath("onboarding", "New agents", Locale.ENGLISH,
 *         List.of(ArticleId.of("refunds"), ArticleId.of("escalation")), Set.of(Role.AGENT), Set.of()));
 * kb.learningPaths().acknowledge(agent, ArticleId.of("refunds"), Locale.ENGLISH, 3);
 * List<ArticleId> next = kb.learningPaths().assignments(agent).getFirst().toRead();
 * }</pre>
 *
 * <p>An acknowledgement stays in force while only revisions marked minor ({@code KnowledgeBase.edit(..., true)})
 * are published after it; once a revision not marked minor is published (or any revision between the acknowledged
 * one and the published one is not minor), it lapses and the learner is asked again. The standing is computed from
 * the store when asked, so it follows publications on every node at once.
 *
 * <p>Saving paths and teams needs {@link Action#MANAGE_LEARNING}; acknowledging needs {@link Action#ACKNOWLEDGE} on
 * the article. Thread-safe; every change is durable when the call returns.
 *
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public interface LearningPaths {
    /**
     * Creates or replaces a path.
     *
     * @throws dev.savoir.kb.ArticleNotFoundException if an article of the path does not exist
     */
    LearningPath save(Actor manager, LearningPath path);

    /**
     * Deletes a path (acknowledgements stay: they are the learners').
     *
     * @throws dev.savoir.kb.LearningPathNotFoundException if there is none
     */
    void delete(Actor manager, String pathId);

    /** Every path, by id. */
    List<LearningPath> paths();

    /**
     * One path.
     *
     * @throws dev.savoir.kb.LearningPathNotFoundException if there is none
     */
    LearningPath path(String pathId);

    /** Creates or replaces a team (an empty member set keeps the name with nobody in it). */
    Team saveTeam(Actor manager, Team team);

    /** Every team, by name. */
    List<Team> teams();

    /**
     * Records that the learner read revision {@code revision} of a translation: the published one, or an older
     * published revision it was reading.
     *
     * @throws dev.savoir.kb.InvalidArgumentException if the translation has no published revision or
     *     {@code revision} is above it
     */
    Acknowledgement acknowledge(Actor learner, ArticleId id, Locale locale, int revision);

    /** The learner's standing on every path assigned to one of its roles or teams, by path id. */
    List<LearnerProgress> assignments(Actor learner);

    /**
     * Every learner's standing on a path: who is up to date on what, by learner.
     *
     * @throws dev.savoir.kb.LearningPathNotFoundException if there is none
     */
    List<LearnerProgress> progress(String pathId);

    /** Completion of every path, by path id: what a KPI report shows. */
    List<PathCompletion> completionByPath();

    /** Completion of every team on its paths, by team name. */
    List<TeamCompletion> completionByTeam();
}
