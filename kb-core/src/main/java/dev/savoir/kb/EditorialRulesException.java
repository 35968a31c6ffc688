package dev.savoir.kb;

import java.io.Serial;
import java.util.List;

/**
 * The publish gate refused a translation: it breaks one or more editorial rules (required title, body and category,
 * length limits, broken internal links, host rules). {@link #violations()} lists every one.
 *
 * @since 0.1
 */
public final class EditorialRulesException extends ValidationException {
    @Serial
    private static final long serialVersionUID = 1L;

    public EditorialRulesException(ArticleId id, String locale, List<Violation> violations) {
        super("cannot publish " + id + " [" + locale + "]: " + summary(violations), violations);
    }
}
