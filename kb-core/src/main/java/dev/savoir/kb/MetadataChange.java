package dev.savoir.kb;

import dev.savoir.kb.internal.Check;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A change to an article's metadata; {@code null} fields are left as they are. Start from {@link #none()} and chain
 * the {@code with} methods.
 *
 * @param category new category
 * @param type new type
 * @param owner new owner
 * @param tags new tags (replaces all)
 * @param attributes new attributes (replaces all)
 * @param visibility new visibility
 * @param reviewInterval new review interval; {@link Duration#ZERO} removes it
 * @since 0.1
 */
public record MetadataChange(@Nullable CategoryPath category, @Nullable ArticleType type, @Nullable String owner,
                             @Nullable Set<String> tags, @Nullable Map<String, String> attributes,
                             @Nullable Visibility visibility, @Nullable Duration reviewInterval) {
    public MetadataChange {
        tags = tags == null ? null : Set.copyOf(Check.noNulls("tags", tags));
        attributes = attributes == null ? null : Map.copyOf(Check.noNulls("attributes", attributes));
    }

    /** A change that changes nothing. */
    public static MetadataChange none() {
        return new MetadataChange(null, null, null, null, null, null, null);
    }

    public MetadataChange withCategory(@Nullable CategoryPath c) {
        return new MetadataChange(c, type, owner, tags, attributes, visibility, reviewInterval);
    }

    public MetadataChange withType(@Nullable ArticleType t) {
        return new MetadataChange(category, t, owner, tags, attributes, visibility, reviewInterval);
    }

    public MetadataChange withOwner(@Nullable String o) {
        return new MetadataChange(category, type, o, tags, attributes, visibility, reviewInterval);
    }

    public MetadataChange withTags(@Nullable Set<String> t) {
        return new MetadataChange(category, type, owner, t, attributes, visibility, reviewInterval);
    }

    public MetadataChange withAttributes(@Nullable Map<String, String> a) {
        return new MetadataChange(category, type, owner, tags, a, visibility, reviewInterval);
    }

    public MetadataChange withVisibility(@Nullable Visibility v) {
        return new MetadataChange(category, type, owner, tags, attributes, v, reviewInterval);
    }

    public MetadataChange withReviewInterval(@Nullable Duration d) {
        return new MetadataChange(category, type, owner, tags, attributes, visibility, d);
    }
}
