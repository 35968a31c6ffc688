package dev.savoir.kb.learning;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.Locales;
import dev.savoir.kb.Role;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * An ordered set of articles that the holders of some roles, and the members of some teams, must have read.
 *
 * @param id the path's id (1-100 characters of letters, digits, {@code -} and {@code _})
 * @param title its title (1-200 characters)
 * @param locale the translation learners read
 * @param articles the articles, in reading order (1-{@value #MAX_ARTICLES}, no repeats)
 * @param roles the roles it is assigned to (an actor holding any of them is asked to read it)
 * @param teams the teams it is assigned to (see {@link Team})
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public record LearningPath(String id, String title, Locale locale, List<ArticleId> articles, Set<Role> roles,
                           Set<String> teams) {
    /** The most articles in one path. */
    public static final int MAX_ARTICLES = 500;

    public LearningPath {
        if (id == null || !id.matches("[A-Za-z0-9_-]{1,100}")) {
            throw new InvalidArgumentException("id", "a path id must be 1-100 letters, digits, '-' or '_', got "
                    + (id == null ? "null" : "\"" + id + "\""));
        }
        if (title == null || title.isBlank() || title.length() > 200) {
            throw new InvalidArgumentException("title", "must be 1-200 characters");
        }
        if (locale == null) {
            throw new InvalidArgumentException("locale", "is required, got null");
        }
        Locales.check(locale);
        if (articles == null || articles.isEmpty() || articles.size() > MAX_ARTICLES
                || articles.stream().anyMatch(Objects::isNull)) {
            throw new InvalidArgumentException("articles", "must hold 1-" + MAX_ARTICLES + " article ids");
        }
        if (new HashSet<>(articles).size() != articles.size()) {
            throw new InvalidArgumentException("articles", "an article appears twice in the path " + id);
        }
        articles = List.copyOf(articles);
        roles = Set.copyOf(roles == null ? Set.of() : roles);
        teams = Set.copyOf(teams == null ? Set.of() : teams);
        for (String t : teams) {
            Team.checkName(t);
        }
    }
}
