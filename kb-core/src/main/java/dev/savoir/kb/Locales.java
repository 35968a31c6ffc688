package dev.savoir.kb;

import java.util.IllformedLocaleException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Parses and validates BCP 47 locale tags. Savoir keys translations by {@link Locale}; tags go through here so that a
 * typo is a clear {@link InvalidLocaleException}, never a silently different locale.
 *
 * @since 0.1
 */
public final class Locales {
    private Locales() {
    }

    /**
     * Parses a well-formed BCP 47 tag such as {@code fr}, {@code fr-CA} or {@code pt-BR}.
     *
     * @throws InvalidLocaleException if the tag is null, blank, ill-formed or has no language
     */
    public static Locale parse(@Nullable String tag) {
        if (tag == null || tag.isBlank()) {
            throw new InvalidLocaleException("locale tag is " + (tag == null ? "null" : "blank")
                    + ": pass a BCP 47 tag such as \"en\" or \"fr-CA\"");
        }
        if (tag.length() > 35) {
            throw new InvalidLocaleException("locale tag is " + tag.length()
                    + " characters long: pass a BCP 47 tag such as \"en\" or \"fr-CA\"");
        }
        Locale locale;
        try {
            locale = new Locale.Builder().setLanguageTag(tag.replace('_', '-')).build();
        } catch (IllformedLocaleException e) {
            throw new InvalidLocaleException("locale tag \"" + tag + "\" is not a well-formed BCP 47 tag ("
                    + e.getMessage() + "): use a tag such as \"en\" or \"fr-CA\"");
        }
        return check(locale);
    }

    /**
     * Checks that a locale has a language (the root locale and {@code und} are refused) and returns it.
     *
     * @throws InvalidLocaleException if it has no language
     */
    public static Locale check(@Nullable Locale locale) {
        if (locale == null) {
            throw new InvalidLocaleException("locale is null: pass a locale such as Locale.ENGLISH or fr-CA");
        }
        if (locale.getLanguage().isEmpty() || "und".equals(locale.toLanguageTag())) {
            throw new InvalidLocaleException("locale \"" + locale.toLanguageTag()
                    + "\" has no language: pass a locale such as \"en\" or \"fr-CA\"");
        }
        return locale;
    }

    /** The fallback chain of a locale, nearest first: {@code fr-CA} gives {@code fr-CA, fr}. */
    public static java.util.List<Locale> fallbackChain(Locale locale) {
        dev.savoir.kb.internal.Check.notNull("locale", locale);
        java.util.List<Locale> chain = new java.util.ArrayList<>(3);
        chain.add(locale);
        String tag = locale.toLanguageTag();
        int dash;
        while ((dash = tag.lastIndexOf('-')) > 0) {
            tag = tag.substring(0, dash);
            Locale parent = Locale.forLanguageTag(tag);
            if (!chain.contains(parent)) {
                chain.add(parent);
            }
        }
        return java.util.List.copyOf(chain);
    }
}
