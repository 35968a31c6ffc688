package dev.savoir.kb;

import dev.savoir.kb.internal.Check;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Who may read an article. Internal viewers (agents, staff) may read every article; external viewers may read public
 * articles, and segment-restricted ones when they belong to one of the segments.
 *
 * @param audience the audience kind
 * @param segments the segments, non-empty exactly when {@code audience} is {@link Audience#SEGMENTS}
 * @since 0.1
 */
public record Visibility(Audience audience, Set<String> segments) {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public static final Visibility INTERNAL = new Visibility(Audience.INTERNAL, Set.of());
    public static final Visibility PUBLIC = new Visibility(Audience.PUBLIC, Set.of());

    public Visibility {
        if (audience == null) {
            throw new ValidationException(List.of(new Violation("visibility", "audience is null")));
        }
        segments = segments == null ? Set.of() : Set.copyOf(new TreeSet<>(Check.noNulls("segments", segments)));
        if (audience == Audience.SEGMENTS && segments.isEmpty()) {
            throw new ValidationException(List.of(new Violation("visibility",
                    "a segment-restricted article needs at least one segment, e.g. \"partners\"")));
        }
        if (audience != Audience.SEGMENTS && !segments.isEmpty()) {
            throw new ValidationException(List.of(new Violation("visibility",
                    "segments only apply to Audience.SEGMENTS; use Visibility.segments(...)")));
        }
        for (String s : segments) {
            if (!SEGMENT.matcher(s).matches()) {
                throw new ValidationException(List.of(new Violation("visibility", "segment \"" + s
                        + "\" must be 1-64 letters, digits, '.', '_' or '-'")));
            }
        }
    }

    /**
     * Visible to external viewers in at least one of these segments, and to all internal viewers. A segment named
     * twice counts once.
     */
    public static Visibility segments(String... segments) {
        return new Visibility(Audience.SEGMENTS, Set.copyOf(Arrays.asList(Check.noNulls("segments", segments))));
    }

    /** Whether a viewer with this context may read an article with this visibility. */
    public boolean isVisibleTo(ViewerContext viewer) {
        if (Check.notNull("viewer", viewer).internal()) {
            return true;
        }
        return switch (audience) {
            case PUBLIC -> true;
            case INTERNAL -> false;
            case SEGMENTS -> segments.stream().anyMatch(viewer.segments()::contains);
        };
    }

    /**
     * Whether every viewer who can see {@code this} can also see {@code target}: a public article may only link to
     * public articles, a segment article to public ones or ones sharing all its segments.
     */
    public boolean isCoveredBy(Visibility target) {
        return switch (Check.notNull("target", target).audience) {
            case PUBLIC -> true;
            case INTERNAL -> audience == Audience.INTERNAL;
            case SEGMENTS -> audience == Audience.INTERNAL
                    || (audience == Audience.SEGMENTS && target.segments.containsAll(segments));
        };
    }
}
