package dev.savoir.kb.examples.helpcenter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Role;
import dev.savoir.kb.Visibility;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The help center's /api/inbox: a customer flags an article and lists its own items, never another's. */
class InboxEndpointsTest {
    static final Actor ADMIN = Actor.of("admin", Role.ADMIN);

    static HttpResponse<String> call(HelpCenter hc, String method, String sid, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(hc.url().resolve("/api/inbox")).header("Cookie", "sid=" + sid);
        b = method.equals("POST") ? b.header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)) : b.GET();
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void customer_flagsAnArticle_andSeesOnlyItsOwnItems() throws Exception {
        try (KnowledgeBase kb = KnowledgeBase.builder().inMemory().requireReview(false).build()) {
            for (String id : new String[] {"reset-password", "runbook"}) {
                kb.create(ADMIN, NewArticle.builder(id).category("Account").owner("olivia")
                        .visibility(id.equals("runbook") ? Visibility.INTERNAL : Visibility.PUBLIC).title("T")
                        .body("B").build());
                kb.publish(ADMIN, ArticleId.of(id), Locale.ENGLISH, 1);
            }
            try (HelpCenter hc = HelpCenter.start(kb, new InetSocketAddress("127.0.0.1", 0))) {
                HttpResponse<String> created = call(hc, "POST", "aaaa-1111",
                        "article=reset-password&reason=outdated&text=%3Cb%3EOld%3C%2Fb%3E+menu+names");
                assertThat(created.statusCode()).isEqualTo(201);
                assertThat(created.body()).contains("\"state\":\"OPEN\"").contains("\\u003cb\\u003eOld")
                        .doesNotContain("olivia");
                assertThat(call(hc, "GET", "aaaa-1111", "").body()).contains("reset-password");
                assertThat(call(hc, "GET", "bbbb-2222", "").body()).isEqualTo("[]");
                assertThat(call(hc, "POST", "aaaa-1111", "article=runbook&text=x").statusCode())
                        .as("an internal article reads as missing").isEqualTo(404);
                assertThat(call(hc, "POST", "aaaa-1111", "article=reset-password&text=+").statusCode())
                        .isEqualTo(400);
                assertThat(call(hc, "POST", "aaaa-1111", "article=reset-password&reason=bogus&text=x")
                        .statusCode()).isEqualTo(400);
                assertThat(kb.inbox().items(ADMIN, null)).hasSize(1);
            }
        }
    }

    static HttpResponse<String> page(HelpCenter hc, String method, String path, String sid, String form)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(hc.url().resolve(path)).header("Cookie", "sid=" + sid);
        b = method.equals("POST") ? b.header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)) : b.GET();
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void reportForm_filesAnItem_shownEscapedOnTheInboxPage_toItsReporterOnly() throws Exception {
        try (KnowledgeBase kb = KnowledgeBase.builder().inMemory().requireReview(false).build()) {
            kb.create(ADMIN, NewArticle.builder("reset-password").category("Account").owner("olivia")
                    .visibility(Visibility.PUBLIC).title("T").body("B").build());
            kb.publish(ADMIN, ArticleId.of("reset-password"), Locale.ENGLISH, 1);
            try (HelpCenter hc = HelpCenter.start(kb, new InetSocketAddress("127.0.0.1", 0))) {
                assertThat(InboxPage.reportForm("reset-password", "en"))
                        .contains("id=\"report\"").contains("action=\"/inbox?lang=en\"")
                        .contains("<option value=\"OUTDATED\">");
                HttpResponse<String> sent = page(hc, "POST", "/inbox", "aaaa-1111",
                        "article=reset-password&reason=INCORRECT&text=%3Cscript%3Ealert(1)%3C%2Fscript%3E+%22x%22");
                assertThat(sent.statusCode()).isEqualTo(303);
                assertThat(sent.headers().firstValue("Location")).hasValue("/inbox?lang=en");
                String mine = page(hc, "GET", "/inbox", "aaaa-1111", "").body();
                assertThat(mine).contains("&lt;script&gt;alert(1)&lt;/script&gt; &quot;x&quot;")
                        .doesNotContain("<script>alert").contains("Incorrect").contains("OPEN")
                        .doesNotContain("olivia").doesNotContain("Open items per owner");
                assertThat(page(hc, "GET", "/inbox", "bbbb-2222", "").body())
                        .contains("You have not reported anything.").doesNotContain("alert(1)");
                HttpResponse<String> bad = page(hc, "POST", "/inbox", "aaaa-1111",
                        "article=reset-password&reason=%3Cimg%3E&text=x");
                assertThat(bad.statusCode()).isEqualTo(400);
                assertThat(bad.body()).doesNotContain("<img>");
                assertThat(kb.inbox().itemsOf("aaaa-1111")).singleElement()
                        .satisfies(i -> assertThat(i.text()).isEqualTo("<script>alert(1)</script> \"x\""));
            }
        }
    }

    @Test
    void inboxPage_forAKnowledgeManager_listsOpenItemsPerOwner() {
        String html = InboxPage.html(java.util.List.of(), java.util.List.of(
                new dev.savoir.kb.inbox.OwnerBacklog("<b>olivia</b>", 3, 1, java.time.Duration.ofDays(2)),
                new dev.savoir.kb.inbox.OwnerBacklog("", 1, 0, java.time.Duration.ZERO)));
        assertThat(html).contains("Open items per owner").contains("<td>&lt;b&gt;olivia&lt;/b&gt;</td><td>3</td>"
                + "<td>1</td>").contains("<td>(unassigned)</td><td>1</td><td>0</td>").doesNotContain("<b>olivia");
    }
}
