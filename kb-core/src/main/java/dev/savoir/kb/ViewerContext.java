package dev.savoir.kb;

import dev.savoir.kb.internal.Check;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Who is reading, passed by the host on every read: internal (an agent, staff) or external (a customer), the
 * audience segments an external viewer belongs to, and the viewer's locale (translations fall back along
 * {@code fr-CA → fr → the knowledge base's default}).
 *
 * @param internal whether the viewer is staff
 * @param segments the viewer's segments (only meaningful for external viewers)
 * @param locale the viewer's preferred locale
 * @since 0.1
 */
public record ViewerContext(boolean internal, Set<String> segments, Locale locale) {
    public ViewerContext {
        segments = segments == null ? Set.of() : Set.copyOf(Check.noNulls("segments", segments));
        locale = Locales.check(locale);
    }

    /** A customer (e.g. in a help center) in the given locale, member of the given segments. */
    public static ViewerContext external(Locale locale, String... segments) {
        return new ViewerContext(false, Set.copyOf(Arrays.asList(Check.noNulls("segments", segments))), locale);
    }

    /** An agent or staff member in the given locale. */
    public static ViewerContext internal(Locale locale) {
        return new ViewerContext(true, Set.of(), locale);
    }

    /** The same viewer in another locale. */
    public ViewerContext withLocale(Locale other) {
        return new ViewerContext(internal, segments, Check.notNull("locale", other));
    }

    /** Whether this viewer may read an article with the given visibility. */
    public boolean canSee(Visibility visibility) {
        return Check.notNull("visibility", visibility).isVisibleTo(this);
    }

    /** The locales to try, nearest first, ending with the knowledge base's default. */
    public List<Locale> localeChain(Locale defaultLocale) {
        Check.notNull("defaultLocale", defaultLocale);
        List<Locale> chain = new java.util.ArrayList<>(Locales.fallbackChain(locale));
        if (!chain.contains(defaultLocale)) {
            chain.add(defaultLocale);
        }
        return List.copyOf(chain);
    }
}
