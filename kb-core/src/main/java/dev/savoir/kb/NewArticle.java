package dev.savoir.kb;

import dev.savoir.kb.internal.Check;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Everything needed to create an article: its metadata and the first revision of its source translation. Build one
 * with {@link #builder(String)}.
 *
 * @param id the id
 * @param category the category
 * @param type the type
 * @param owner the owner's id
 * @param tags language-neutral tags
 * @param attributes the host's own fields
 * @param visibility who may read it
 * @param sourceLocale the source translation's locale
 * @param content the first revision's content
 * @param changeNote the first revision's note
 * @param reviewInterval how often it must be verified, or {@code null}
 * @since 0.1
 */
public record NewArticle(ArticleId id, CategoryPath category, ArticleType type, String owner, Set<String> tags,
                         Map<String, String> attributes, Visibility visibility, Locale sourceLocale,
                         ArticleContent content, String changeNote, @Nullable Duration reviewInterval) {
    public NewArticle {
        Check.notNull("id", id);
        if (category == null) {
            throw new InvalidArgumentException("category", "is required: set one with .category(\"Billing > "
                    + "Invoices\")");
        }
        Check.notNull("type", type);
        Check.notNull("owner", owner);
        tags = Set.copyOf(Check.noNulls("tags", tags));
        attributes = Map.copyOf(Check.noNulls("attributes", attributes));
        Check.notNull("visibility", visibility);
        Locales.check(Check.notNull("sourceLocale", sourceLocale));
        Check.notNull("content", content);
        changeNote = changeNote == null ? "" : changeNote;
    }

    /** Starts a new article with the given id (validated at once). */
    public static Builder builder(String id) {
        return new Builder(ArticleId.of(id));
    }

    /** A builder of {@link NewArticle}; not thread-safe. */
    public static final class Builder {
        private final ArticleId id;
        private @Nullable CategoryPath category;
        private ArticleType type = ArticleType.FAQ;
        private String owner = "";
        private Set<String> tags = Set.of();
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private Visibility visibility = Visibility.INTERNAL;
        private Locale locale = Locale.ENGLISH;
        private String title = "";
        private String summary = "";
        private String body = "";
        private List<String> contentTags = List.of();
        private String changeNote = "";
        private @Nullable Duration reviewInterval;

        private Builder(ArticleId id) {
            this.id = id;
        }

        public Builder category(String path) {
            this.category = CategoryPath.parse(path);
            return this;
        }

        public Builder category(CategoryPath path) {
            this.category = Check.notNull("category", path);
            return this;
        }

        public Builder type(ArticleType type) {
            this.type = Check.notNull("type", type);
            return this;
        }

        public Builder owner(String owner) {
            this.owner = Check.notNull("owner", owner);
            return this;
        }

        public Builder tags(String... tags) {
            this.tags = Set.copyOf(Arrays.asList(Check.noNulls("tags", tags)));
            return this;
        }

        public Builder attribute(String key, String value) {
            attributes.put(Check.notNull("key", key), Check.notNull("value", value));
            return this;
        }

        /** Who may read it; {@link Visibility#INTERNAL} by default, so that nothing is public by accident. */
        public Builder visibility(Visibility visibility) {
            this.visibility = Check.notNull("visibility", visibility);
            return this;
        }

        /** The source translation's locale, {@code en} by default. */
        public Builder locale(Locale locale) {
            this.locale = Locales.check(Check.notNull("locale", locale));
            return this;
        }

        /** The source translation's locale as a BCP 47 tag. */
        public Builder locale(String tag) {
            this.locale = Locales.parse(tag);
            return this;
        }

        public Builder title(String title) {
            this.title = Check.notNull("title", title);
            return this;
        }

        public Builder summary(String summary) {
            this.summary = Check.notNull("summary", summary);
            return this;
        }

        /** The body, in Markdown. */
        public Builder body(String markdown) {
            this.body = Check.notNull("body", markdown);
            return this;
        }

        /** Localized keywords of the source translation. */
        public Builder contentTags(String... tags) {
            this.contentTags = List.of(Check.noNulls("contentTags", tags));
            return this;
        }

        public Builder changeNote(String note) {
            this.changeNote = Check.notNull("changeNote", note);
            return this;
        }

        /** Requires verification at this interval (e.g. {@code Duration.ofDays(90)}). */
        public Builder reviewInterval(Duration interval) {
            if (Check.notNull("reviewInterval", interval).isNegative() || interval.isZero()) {
                throw new ValidationException(List.of(new Violation("reviewInterval",
                        "review interval must be positive, e.g. Duration.ofDays(90)")));
            }
            this.reviewInterval = interval;
            return this;
        }

        /** The new article; the builder can be reused. */
        public NewArticle build() {
            if (category == null) {
                throw new ValidationException(List.of(new Violation("category",
                        "an article needs a category: call .category(\"Billing > Invoices\")")));
            }
            return new NewArticle(id, category, type, owner, tags, attributes, visibility, locale,
                    new ArticleContent(title, summary, body, contentTags), changeNote, reviewInterval);
        }
    }
}
