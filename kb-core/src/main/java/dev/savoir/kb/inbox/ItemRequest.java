package dev.savoir.kb.inbox;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.Locales;
import java.util.Locale;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What a reporter submits to the inbox: a flag, or a suggested edit. Built with {@link #flag} or
 * {@link #suggestEdit}.
 *
 * @param kind a flag or a suggested edit
 * @param articleId the article
 * @param locale the translation concerned; for a flag it may be null: the one the reporter reads (a customer) or
 *     the source (an actor)
 * @param basedOnRevision the revision the suggested edit was written from (required for one, and it must be the
 *     latest when the edit is accepted); for a flag it may be null: the revision the reporter reads
 * @param reason why
 * @param text the reporter's words (1-{@value #MAX_TEXT} characters)
 * @param proposedBody for a suggested edit, the proposed Markdown body (replacing the revision's)
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public record ItemRequest(ItemKind kind, ArticleId articleId, @Nullable Locale locale,
                          @Nullable Integer basedOnRevision, FlagReason reason, String text,
                          @Nullable String proposedBody) {
    /** The longest text. */
    public static final int MAX_TEXT = 4_000;

    public ItemRequest {
        if (kind == null || articleId == null || reason == null) {
            throw new InvalidArgumentException(kind == null ? "kind" : articleId == null ? "articleId" : "reason",
                    "is required, got null");
        }
        if (locale != null) {
            Locales.check(locale);
        }
        if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
            throw new InvalidArgumentException("text", "must be 1-" + MAX_TEXT + " characters: say what is wrong");
        }
        if (basedOnRevision != null && basedOnRevision < 1) {
            throw new InvalidArgumentException("basedOnRevision", "must be at least 1, got " + basedOnRevision);
        }
        if (kind == ItemKind.SUGGESTED_EDIT) {
            if (locale == null || basedOnRevision == null) {
                throw new InvalidArgumentException(locale == null ? "locale" : "basedOnRevision",
                        "a suggested edit names the translation and the revision it was written from");
            }
            if (proposedBody == null || proposedBody.isBlank()) {
                throw new InvalidArgumentException("proposedBody", "a suggested edit needs the proposed body");
            }
        } else if (proposedBody != null) {
            throw new InvalidArgumentException("proposedBody", "a flag carries no proposed body: use suggestEdit");
        }
    }

    /** A flag on the revision the reporter reads. */
    public static ItemRequest flag(ArticleId articleId, FlagReason reason, String text) {
        return new ItemRequest(ItemKind.FLAG, articleId, null, null, reason, text, null);
    }

    /** A proposed new body for one translation, written from revision {@code basedOnRevision}. */
    public static ItemRequest suggestEdit(ArticleId articleId, Locale locale, int basedOnRevision, FlagReason reason,
                                          String text, String proposedBody) {
        return new ItemRequest(ItemKind.SUGGESTED_EDIT, articleId, locale, basedOnRevision, reason, text,
                proposedBody);
    }
}
