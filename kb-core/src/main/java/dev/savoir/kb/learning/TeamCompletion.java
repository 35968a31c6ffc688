package dev.savoir.kb.learning;

import org.apiguardian.api.API;

/**
 * How far a team's members are on the paths assigned to the team.
 *
 * @param team the team
 * @param members its members
 * @param paths the paths assigned to it
 * @param percent the mean, over members and paths, of {@link LearnerProgress#percent()}, 0 to 100 (0 when the team
 *     has no member or no path)
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public record TeamCompletion(String team, int members, int paths, double percent) {
}
