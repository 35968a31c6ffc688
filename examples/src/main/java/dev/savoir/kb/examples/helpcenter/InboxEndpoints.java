package dev.savoir.kb.examples.helpcenter;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleNotFoundException;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.ValidationException;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.inbox.FlagReason;
import dev.savoir.kb.inbox.InboxItem;
import dev.savoir.kb.inbox.ItemComment;
import dev.savoir.kb.inbox.ItemRequest;
import java.util.Locale;
import java.util.Map;

/**
 * The help center's feedback inbox endpoints, for a customer known by its session cookie (the viewer key its votes
 * use too): {@code GET /api/inbox} lists the customer's own items, {@code POST /api/inbox} (form fields
 * {@code article}, {@code reason}, {@code text}) flags an article the customer can read. Answers are JSON; the
 * customer never sees another's items, staff notes or staff ids.
 */
final class InboxEndpoints {
    /** A status and a JSON body. */
    record Response(int status, String json) {
    }

    private InboxEndpoints() {
    }

    /** The customer's own items, newest first. */
    static Response list(KnowledgeBase kb, String viewerKey) {
        StringBuilder json = new StringBuilder("[");
        for (InboxItem i : kb.inbox().itemsOf(viewerKey)) {
            json.append(json.length() > 1 ? "," : "").append(item(i));
        }
        return new Response(200, json.append(']').toString());
    }

    /** Flags an article for the customer. */
    static Response flag(KnowledgeBase kb, ViewerContext viewer, String viewerKey, Map<String, String> form) {
        String rawId = form.getOrDefault("article", "");
        if (!ArticleId.isValid(rawId)) {
            return error(404, "no such article");
        }
        FlagReason reason;
        try {
            reason = FlagReason.valueOf(form.getOrDefault("reason", "OTHER").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return error(400, "reason must be one of " + java.util.Arrays.toString(FlagReason.values()));
        }
        try {
            InboxItem item = kb.inbox().submit(viewer, viewerKey, ItemRequest.flag(ArticleId.of(rawId), reason,
                    form.getOrDefault("text", "")));
            return new Response(201, item(kb.inbox().itemOf(viewerKey, item.id()).orElseThrow()));
        } catch (ArticleNotFoundException e) {
            return error(404, "no such article");
        } catch (ValidationException e) {
            return error(400, e.getMessage());
        }
    }

    private static Response error(int status, String message) {
        return new Response(status, "{\"error\":" + HelpCenter.jsonString(message) + "}");
    }

    private static String item(InboxItem i) {
        StringBuilder replies = new StringBuilder("[");
        for (ItemComment c : i.comments()) {
            replies.append(replies.length() > 1 ? "," : "").append("{\"at\":").append(HelpCenter.jsonString(
                    c.at().toString())).append(",\"text\":").append(HelpCenter.jsonString(c.text())).append('}');
        }
        return "{\"id\":" + HelpCenter.jsonString(i.id()) + ",\"article\":" + HelpCenter.jsonString(
                i.articleId().value()) + ",\"kind\":\"" + i.kind() + "\",\"reason\":\"" + i.reason()
                + "\",\"state\":\"" + i.state() + "\",\"text\":" + HelpCenter.jsonString(i.text()) + ",\"createdAt\":"
                + HelpCenter.jsonString(i.createdAt().toString()) + ",\"replies\":" + replies.append(']') + "}";
    }
}
