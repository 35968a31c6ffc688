package dev.savoir.kb.internal.gate;

import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ContentTooLargeException;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.ValidationException;
import dev.savoir.kb.Violation;
import dev.savoir.kb.search.SearchRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Every input limit of the knowledge base, in one place: what can be saved at all (a draft), as opposed to what can
 * be published ({@link PublishGate}). The facade's public constants are these values.
 */
public final class InputLimits {
    /** The default limit of a body, in UTF-8 bytes (1 MiB). */
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
    /** The largest body limit a host may configure (16 MiB). */
    public static final int MAX_BODY_BYTES_LIMIT = 16 << 20;
    public static final int MAX_TITLE_CHARS = 1_000;
    public static final int MAX_SUMMARY_CHARS = 5_000;
    public static final int PUBLISH_MAX_TITLE = 200;
    public static final int PUBLISH_MAX_SUMMARY = 1_000;
    public static final int MAX_TAGS = 50;
    public static final int MAX_TAG_CHARS = 100;
    public static final int MAX_ATTRIBUTES = 100;
    public static final int MAX_ATTRIBUTE_KEY = 64;
    public static final int MAX_ATTRIBUTE_VALUE = 2_000;
    public static final int MAX_OWNER_CHARS = 200;
    /** Viewer keys, ticket ids and session ids. */
    public static final int MAX_KEY_CHARS = 200;
    public static final int MAX_COMMENT_CHARS = 2_000;
    /** The most completions one autocomplete call returns. */
    public static final int MAX_AUTOCOMPLETE = SearchRequest.MAX_AUTOCOMPLETE;
    /** The most rows one report call returns. */
    public static final int MAX_REPORT_ROWS = 10_000;

    private final int maxBodyBytes;

    public InputLimits(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** Refuses content that cannot be saved, listing every problem (the body size first, on its own). */
    public void checkContent(ArticleContent c) {
        List<Violation> v = new ArrayList<>();
        contentViolations(c, v);
        if (!v.isEmpty()) {
            throw new ValidationException(v);
        }
    }

    /** Adds the problems of {@code c} to {@code v}; a body over the limit throws at once. */
    public void contentViolations(ArticleContent c, List<Violation> v) {
        long bytes = c.body().length() <= maxBodyBytes / 3 ? c.body().length()
                : c.body().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBodyBytes) {
            throw new ContentTooLargeException("body", bytes, maxBodyBytes);
        }
        if (c.title().length() > MAX_TITLE_CHARS) {
            v.add(new Violation("title", "the title is " + c.title().length() + " characters; the limit is "
                    + MAX_TITLE_CHARS));
        }
        if (c.summary().length() > MAX_SUMMARY_CHARS) {
            v.add(new Violation("summary", "the summary is " + c.summary().length() + " characters; the limit is "
                    + MAX_SUMMARY_CHARS));
        }
        checkTags(c.tags(), v);
    }

    /** Refuses an owner, tags or attributes over their limits, listing every problem. */
    public static void checkMetadata(String owner, Set<String> tags, Map<String, String> attributes) {
        List<Violation> v = new ArrayList<>();
        metadataViolations(owner, tags, attributes, v);
        if (!v.isEmpty()) {
            throw new ValidationException(v);
        }
    }

    public static void metadataViolations(String owner, Set<String> tags, Map<String, String> attributes,
                                          List<Violation> v) {
        if (owner.length() > MAX_OWNER_CHARS) {
            v.add(new Violation("owner", "the owner id is over " + MAX_OWNER_CHARS + " characters"));
        }
        checkTags(tags, v);
        if (attributes.size() > MAX_ATTRIBUTES) {
            v.add(new Violation("attributes", attributes.size() + " attributes; at most " + MAX_ATTRIBUTES
                    + " are allowed"));
        }
        attributes.forEach((k, val) -> {
            if (k.isBlank() || k.length() > MAX_ATTRIBUTE_KEY) {
                v.add(new Violation("attributes", "attribute name \"" + k + "\" must be 1-" + MAX_ATTRIBUTE_KEY
                        + " characters"));
            }
            if (val.length() > MAX_ATTRIBUTE_VALUE) {
                v.add(new Violation("attributes", "attribute " + k + " is over " + MAX_ATTRIBUTE_VALUE
                        + " characters"));
            }
        });
    }

    private static void checkTags(Collection<String> tags, List<Violation> v) {
        if (tags.size() > MAX_TAGS) {
            v.add(new Violation("tags", tags.size() + " tags; at most " + MAX_TAGS + " are allowed"));
        }
        for (String tag : tags) {
            if (tag.isBlank() || tag.length() > MAX_TAG_CHARS) {
                v.add(new Violation("tags", "tag \"" + tag + "\" must be 1-" + MAX_TAG_CHARS + " characters"));
            }
        }
    }

    /** A host key (viewer key, ticket id): 1 to {@value #MAX_KEY_CHARS} characters, not blank. */
    public static String checkKey(String parameter, @Nullable String key) {
        if (key == null || key.isBlank() || key.length() > MAX_KEY_CHARS) {
            throw new InvalidArgumentException(parameter, "must be 1-" + MAX_KEY_CHARS + " characters, not blank");
        }
        return key;
    }

    /** A reader comment: at most {@value #MAX_COMMENT_CHARS} characters. */
    public static void checkComment(@Nullable String comment) {
        if (comment != null && comment.length() > MAX_COMMENT_CHARS) {
            throw new ValidationException(List.of(new Violation("comment", "a comment is at most 2,000 characters")));
        }
    }

    /** A result limit between 1 and {@code max}. */
    public static int checkLimit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw new InvalidArgumentException("limit", "must be between 1 and " + max + ", got " + limit);
        }
        return limit;
    }
}
