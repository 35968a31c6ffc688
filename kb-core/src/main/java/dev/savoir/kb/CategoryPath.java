package dev.savoir.kb;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A node in the host's category tree, as the path from the root: {@code Billing > Invoices} is
 * {@code ["Billing", "Invoices"]}. Segments are trimmed, non-blank, at most 100 characters and may not contain
 * {@code >} or {@code /}; a path has at most 10 segments.
 *
 * @param segments the names from the root down
 * @since 0.1
 */
public record CategoryPath(List<String> segments) {
    /** The separator used by {@link #toString()} and accepted by {@link #parse(String)}. */
    public static final String SEPARATOR = " > ";

    public CategoryPath {
        if (segments == null || segments.isEmpty()) {
            throw new ValidationException(List.of(new Violation("category",
                    "category path has no segments: pass a path such as \"Billing > Invoices\"")));
        }
        if (segments.size() > 10) {
            throw new ValidationException(List.of(new Violation("category",
                    "category path has " + segments.size() + " levels; at most 10 are allowed")));
        }
        if (segments.stream().anyMatch(java.util.Objects::isNull)) {
            throw new ValidationException(List.of(new Violation("category",
                    "category path segments may not be null: pass names such as \"Billing\", \"Invoices\"")));
        }
        List<String> clean = new ArrayList<>(segments.size());
        for (String s : segments) {
            String t = s == null ? "" : s.strip();
            if (t.isEmpty() || t.length() > 100 || t.contains(">") || t.contains("/")
                    || t.chars().anyMatch(Character::isISOControl)) {
                throw new ValidationException(List.of(new Violation("category", "category path segment \"" + s
                        + "\" must be 1-100 characters without '>', '/' or control characters")));
            }
            clean.add(t);
        }
        segments = List.copyOf(clean);
    }

    /** Builds a path from its segments, root first. */
    public static CategoryPath of(String... segments) {
        return new CategoryPath(Arrays.asList(dev.savoir.kb.internal.Check.notNull("segments", segments)));
    }

    /** Parses {@code "Billing > Invoices"} or {@code "Billing/Invoices"}. */
    @JsonCreator
    public static CategoryPath parse(@Nullable String path) {
        if (path == null) {
            throw new ValidationException(List.of(new Violation("category",
                    "category path is null: pass a path such as \"Billing > Invoices\"")));
        }
        String sep = path.contains(">") ? ">" : "/";
        return new CategoryPath(List.of(path.split(java.util.regex.Pattern.quote(sep), -1)));
    }

    /** Whether this path is {@code ancestor} itself or lies below it. */
    public boolean isWithin(CategoryPath ancestor) {
        dev.savoir.kb.internal.Check.notNull("ancestor", ancestor);
        return segments.size() >= ancestor.segments.size()
                && segments.subList(0, ancestor.segments.size()).equals(ancestor.segments);
    }

    /** The path of every ancestor and this one, root first: {@code Billing}, {@code Billing > Invoices}. */
    public List<CategoryPath> selfAndAncestors() {
        List<CategoryPath> out = new ArrayList<>(segments.size());
        for (int i = 1; i <= segments.size(); i++) {
            out.add(new CategoryPath(segments.subList(0, i)));
        }
        return out;
    }

    /** The last segment, e.g. {@code Invoices}. */
    public String name() {
        return segments.getLast();
    }

    @JsonValue
    @Override
    public String toString() {
        return String.join(SEPARATOR, segments);
    }
}
