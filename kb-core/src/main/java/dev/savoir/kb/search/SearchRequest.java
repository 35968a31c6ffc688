package dev.savoir.kb.search;

import dev.savoir.kb.ValidationException;
import dev.savoir.kb.Violation;
import java.util.List;
import java.util.Objects;

/**
 * A search as typed by a user: plain words, {@code "quoted phrases"} and {@code -excluded} words, never a query
 * language. Build one with {@link #of(String)} or {@link #builder(String)}.
 *
 * @param query the user's text (at most {@value #MAX_QUERY_LENGTH} characters are read)
 * @param offset how many hits to skip (at most {@value #MAX_OFFSET})
 * @param limit how many hits to return (1 to {@value #MAX_LIMIT})
 * @param includeDrafts search working drafts too (editors only: the viewer must be internal)
 * @since 0.1
 */
public record SearchRequest(String query, int offset, int limit, boolean includeDrafts) {
    public static final int MAX_QUERY_LENGTH = 1_000;
    public static final int MAX_OFFSET = 10_000;
    public static final int MAX_LIMIT = 100;

    public SearchRequest {
        Objects.requireNonNull(query, "query");
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new ValidationException(List.of(new Violation("offset",
                    "offset must be between 0 and " + MAX_OFFSET + ", got " + offset)));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ValidationException(List.of(new Violation("limit",
                    "limit must be between 1 and " + MAX_LIMIT + ", got " + limit)));
        }
    }

    /** The first ten hits for the text. */
    public static SearchRequest of(String query) {
        return new SearchRequest(query, 0, 10, false);
    }

    /** A builder starting from {@link #of(String)}. */
    public static Builder builder(String query) {
        return new Builder(query);
    }

    /** A builder of {@link SearchRequest}; not thread-safe. */
    public static final class Builder {
        private final String query;
        private int offset;
        private int limit = 10;
        private boolean includeDrafts;

        private Builder(String query) {
            this.query = Objects.requireNonNull(query, "query");
        }

        public Builder offset(int offset) {
            this.offset = offset;
            return this;
        }

        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        public Builder includeDrafts(boolean includeDrafts) {
            this.includeDrafts = includeDrafts;
            return this;
        }

        public SearchRequest build() {
            return new SearchRequest(query, offset, limit, includeDrafts);
        }
    }
}
