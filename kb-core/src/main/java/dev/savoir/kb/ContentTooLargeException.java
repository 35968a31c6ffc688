package dev.savoir.kb;

import java.io.Serial;
import java.util.List;

/**
 * A field is longer than the knowledge base allows (the body limit is 1 MiB by default, see
 * {@link KnowledgeBaseBuilder#maxBodyBytes(int)}). Nothing was written.
 *
 * @since 0.1
 */
public final class ContentTooLargeException extends ValidationException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final long size;
    private final long limit;

    public ContentTooLargeException(String field, long size, long limit) {
        this(field, size, limit, "split the article, or raise the limit on the KnowledgeBase builder");
    }

    /**
     * @param hint what to do about it, e.g. which builder's limit to raise
     */
    public ContentTooLargeException(String field, long size, long limit, String hint) {
        super(field + " is " + size + " bytes, over the limit of " + limit + " bytes: " + hint,
                List.of(new Violation(field, "is " + size + " bytes, over the limit of " + limit + " bytes")));
        this.size = size;
        this.limit = limit;
    }

    public long size() {
        return size;
    }

    public long limit() {
        return limit;
    }
}
