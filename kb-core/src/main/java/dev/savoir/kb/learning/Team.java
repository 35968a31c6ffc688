package dev.savoir.kb.learning;

import dev.savoir.kb.InvalidArgumentException;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A named group of learners (actor ids), to which learning paths are assigned and whose completion is reported.
 *
 * @param name the team's name (1-100 characters)
 * @param members the members' actor ids (each 1-200 characters, at most {@value #MAX_MEMBERS})
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public record Team(String name, Set<String> members) {
    /** The most members of one team. */
    public static final int MAX_MEMBERS = 10_000;

    public Team {
        checkName(name);
        if (members == null || members.size() > MAX_MEMBERS) {
            throw new InvalidArgumentException("members", "must hold at most " + MAX_MEMBERS + " actor ids");
        }
        for (String m : members) {
            if (m == null || m.isBlank() || m.length() > 200) {
                throw new InvalidArgumentException("members", "a member is an actor id of 1-200 characters");
            }
        }
        members = Set.copyOf(members);
    }

    static String checkName(String name) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new InvalidArgumentException("team", "a team name must be 1-100 characters");
        }
        return name;
    }
}
