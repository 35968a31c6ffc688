package dev.savoir.kb;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What kind of article this is. The built-in types cover most knowledge bases; a host defines its own with
 * {@link #of(String)} (a lower-case name of letters, digits, {@code -} and {@code _}).
 *
 * @param name the type's name, e.g. {@code how-to}
 * @since 0.1
 */
public record ArticleType(@JsonValue String name) {
    // Before the constants below: static fields initialize in order.
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

    public static final ArticleType FAQ = new ArticleType("faq");
    public static final ArticleType HOW_TO = new ArticleType("how-to");
    public static final ArticleType TROUBLESHOOTING = new ArticleType("troubleshooting");
    public static final ArticleType RESPONSE_SCRIPT = new ArticleType("response-script");
    public static final ArticleType GLOSSARY = new ArticleType("glossary");

    public ArticleType {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ValidationException(List.of(new Violation("type", "article type name \"" + name
                    + "\" must be 1-40 lower-case letters, digits, '-' or '_', e.g. \"how-to\"")));
        }
    }

    /** A built-in or host-defined type. */
    @JsonCreator
    public static ArticleType of(String name) {
        return new ArticleType(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
