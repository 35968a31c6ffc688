package dev.savoir.kb.learning;

import org.apiguardian.api.API;

/**
 * How far a path's learners are.
 *
 * @param pathId the path
 * @param title its title
 * @param learners its learners: the members of its teams and whoever acknowledged one of its articles
 * @param complete the learners up to date on every article
 * @param percent the mean of the learners' {@link LearnerProgress#percent()}, 0 to 100 (0 without learners)
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public record PathCompletion(String pathId, String title, int learners, int complete, double percent) {
}
