package dev.savoir.kb;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The stable id of an article: 1 to {@value #MAX_LENGTH} characters from {@code [A-Za-z0-9._-]}, starting with a
 * letter or digit, e.g. {@code reset-password} or {@code BILL.042}. Ids are case-sensitive and never change.
 *
 * @param value the id
 * @since 0.1
 */
public record ArticleId(@JsonValue String value) implements Comparable<ArticleId> {
    /** The longest id accepted. */
    public static final int MAX_LENGTH = 128;

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public ArticleId {
        if (value == null) {
            throw new InvalidArticleIdException("article id is null: pass an id such as \"reset-password\"");
        }
        if (value.isBlank()) {
            throw new InvalidArticleIdException("article id is blank: pass an id such as \"reset-password\"");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidArticleIdException("article id is " + value.length() + " characters long; the limit is "
                    + MAX_LENGTH);
        }
        if (!SAFE.matcher(value).matches()) {
            throw new InvalidArticleIdException("article id \"" + printable(value)
                    + "\" may only use letters, digits, '.', '_' and '-', and must start with a letter or digit");
        }
    }

    /** Parses and validates an id; throws {@link InvalidArticleIdException} if it is not valid. */
    @JsonCreator
    public static ArticleId of(@Nullable String value) {
        return new ArticleId(value);
    }

    /** Whether {@code value} would be accepted by {@link #of(String)}. */
    public static boolean isValid(@Nullable String value) {
        return value != null && !value.isBlank() && value.length() <= MAX_LENGTH && SAFE.matcher(value).matches();
    }

    private static String printable(String value) {
        StringBuilder sb = new StringBuilder();
        value.codePoints().limit(40).forEach(cp -> {
            if (Character.isISOControl(cp)) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return value.length() > 40 ? sb + "..." : sb.toString();
    }

    @Override
    public int compareTo(ArticleId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
