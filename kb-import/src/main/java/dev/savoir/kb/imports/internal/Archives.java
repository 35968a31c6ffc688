package dev.savoir.kb.imports.internal;

import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleArchive;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleType;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.InvalidLocaleException;
import dev.savoir.kb.Locales;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Translation;
import dev.savoir.kb.TranslationState;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.feedback.FeedbackSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Builds the {@link ArticleArchive} an imported CRM article becomes, and holds the rules both CRM readers share:
 * which locales are known, how a CRM's category names become a {@link CategoryPath}.
 */
public final class Archives {
    private static final Set<String> LANGUAGES = languages();

    private Archives() {
    }

    /** One revision of a translation, oldest first. */
    public record Rev(ArticleContent content, Instant createdAt, String note) {
    }

    /**
     * One translation: its revisions, its state, and which revision readers see.
     *
     * @param published the number of the published revision, or null
     * @param scheduledAt when {@code state} is scheduled: when it goes live
     */
    public record Tr(Locale locale, List<Rev> revisions, TranslationState state, @Nullable Integer published,
                     @Nullable Instant scheduledAt, @Nullable Instant publishedAt, Instant updatedAt) {
    }

    /** The article's metadata. */
    public record Meta(ArticleId id, CategoryPath category, ArticleType type, Set<String> tags,
                       Map<String, String> attributes, Visibility visibility, Locale sourceLocale, Instant createdAt,
                       Instant updatedAt) {
    }

    /** The archive of an imported article; non-source translations are translated from the source's latest. */
    public static ArticleArchive archive(Meta m, List<Tr> translations, String author, FeedbackSummary feedback) {
        Map<Locale, Translation> ts = new LinkedHashMap<>();
        Map<Locale, List<Revision>> revisions = new LinkedHashMap<>();
        int sourceLatest = translations.stream().filter(t -> t.locale().equals(m.sourceLocale()))
                .mapToInt(t -> t.revisions().size()).findFirst().orElse(1);
        for (Tr t : translations) {
            List<Revision> revs = new ArrayList<>();
            for (Rev r : t.revisions()) {
                revs.add(new Revision(m.id(), t.locale(), revs.size() + 1, r.content(), author, r.createdAt(),
                        r.note(), r.content().hash(), null));
            }
            revisions.put(t.locale(), revs);
            ts.put(t.locale(), new Translation(t.locale(), t.state(), revs.size(), t.published(),
                    t.locale().equals(m.sourceLocale()) ? null : sourceLatest, t.scheduledAt(), null, null,
                    t.publishedAt(), t.updatedAt()));
        }
        Article a = new Article(m.id(), 1, m.category(), m.type(), "", m.tags(), m.attributes(), m.visibility(),
                m.sourceLocale(), null, null, null, null, m.createdAt(), m.updatedAt(), ts);
        return new ArticleArchive(a, revisions, List.of(), feedback);
    }

    /**
     * Parses a CRM's locale ({@code en-us}, {@code fr_CA}, {@code de}) and checks that its language is an ISO 639
     * language.
     *
     * @throws InvalidLocaleException if the tag is ill-formed or its language is unknown
     */
    public static Locale knownLocale(@Nullable String tag) {
        Locale l = Locales.parse(tag == null ? null : tag.strip());
        if (!LANGUAGES.contains(l.getLanguage())) {
            throw new InvalidLocaleException("unknown locale \"" + tag + "\": its language \"" + l.getLanguage()
                    + "\" is not an ISO 639 language (use a tag such as \"en-us\" or \"fr\")");
        }
        return l;
    }

    /** A CRM category or section name as a category path segment: {@code /} and {@code >} become {@code -}. */
    public static String segment(String name) {
        String s = name.replace('/', '-').replace('>', '-').replaceAll("\\p{Cntrl}", " ").strip();
        return s.length() > 100 ? s.substring(0, 100).strip() : s;
    }

    private static Set<String> languages() {
        Set<String> out = new HashSet<>();
        for (String two : Locale.getISOLanguages()) {
            out.add(two);
            try {
                out.add(Locale.of(two).getISO3Language());
            } catch (java.util.MissingResourceException e) {
                // a two-letter code without a three-letter one: the two-letter code is enough
            }
        }
        return Set.copyOf(out);
    }
}
