package dev.savoir.kb.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.RenderedArticle;
import dev.savoir.kb.Role;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The README's example, compiled and run so that it never rots. Keep the two in step. */
class UsageExampleTest {
    @Test
    void readme_renderingMarkdown_example() {
        Actor author = Actor.of("alice", Role.AUTHOR);
        Actor editor = Actor.of("bob", Role.REVIEWER, Role.PUBLISHER);
        ArticleId reset = ArticleId.of("reset-password");
        ArticleId sso = ArticleId.of("sso-login");

        // README: begin
        try (KnowledgeBase kb = KnowledgeBase.builder()
                .inMemory()
                .renderer(MarkdownRenderer.create())
                .linkResolver((id, locale) -> "/help/" + locale.getLanguage() + "/articles/" + id.value())
                .build()) {
            kb.create(author, NewArticle.builder("sso-login").category("Account").visibility(Visibility.PUBLIC)
                    .title("Sign in with SSO").body("Use your company account.").build());
            kb.create(author, NewArticle.builder("reset-password").category("Account")
                    .visibility(Visibility.PUBLIC).title("Reset your password").body("""
                            # Reset your password

                            > [!WARNING]
                            > Resetting signs you out on every device.

                            Using single sign-on? See [Sign in with SSO](kb:sso-login).
                            """).build());
            for (ArticleId id : new ArticleId[] {sso, reset}) {
                kb.submitForReview(author, id, Locale.ENGLISH, 1);
                kb.approve(editor, id, Locale.ENGLISH, 1);
                kb.publish(editor, id, Locale.ENGLISH, 1);
            }

            RenderedArticle page = kb.render(ViewerContext.external(Locale.ENGLISH), reset).orElseThrow();
            String html = page.html().html();                      // sanitized HTML
            String firstAnchor = page.html().toc().getFirst().anchor();  // "reset-your-password"
            // README: end

            assertThat(html).contains("<h1 id=\"reset-your-password\">Reset your password</h1>",
                    "<div class=\"markdown-alert markdown-alert-warning\">",
                    "<a href=\"/help/en/articles/sso-login\">Sign in with SSO</a>");
            assertThat(firstAnchor).isEqualTo("reset-your-password");
        }
    }
}
