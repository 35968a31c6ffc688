package dev.savoir.kb.imports;

import dev.savoir.kb.ArticleType;
import dev.savoir.kb.InvalidArgumentException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The options both CRM formats share, set once each through their builders. Not thread-safe. */
final class CrmImportSettings {
    static final long DEFAULT_MAX_FILE_BYTES = 512L << 20;
    static final long DEFAULT_MAX_ATTACHMENT_BYTES = 20L << 20;

    @Nullable Path attachments;
    String urlPrefix = "attachments/";
    ArticleType type = ArticleType.FAQ;
    long maxFileBytes = DEFAULT_MAX_FILE_BYTES;
    long maxAttachmentBytes = DEFAULT_MAX_ATTACHMENT_BYTES;
    private final Set<String> set = new HashSet<>();

    void once(String option) {
        if (!set.add(option)) {
            throw new InvalidArgumentException(option, "was already set on this builder: set each option once");
        }
    }

    static <T> T notNull(String parameter, @Nullable T value) {
        if (value == null) {
            throw new InvalidArgumentException(parameter, "is null");
        }
        return value;
    }

    static long positive(String parameter, long value) {
        if (value < 1) {
            throw new InvalidArgumentException(parameter, "must be at least 1, got " + value);
        }
        return value;
    }

    static String urlPrefix(@Nullable String prefix) {
        String p = Objects.requireNonNullElse(prefix, "");
        if (p.contains("\"") || p.contains("(") || p.contains(")") || p.contains(" ") || p.contains("<")
                || p.contains(">") || p.toLowerCase(java.util.Locale.ROOT).startsWith("javascript:")) {
            throw new InvalidArgumentException("urlPrefix", "must be a plain URL path such as \"/kb-files/\" or "
                    + "\"https://cdn.example/kb/\" (no spaces, quotes, brackets or javascript:), got \"" + p + "\"");
        }
        return p;
    }
}
