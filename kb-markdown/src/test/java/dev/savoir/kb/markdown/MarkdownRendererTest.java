package dev.savoir.kb.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.RenderedArticle;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.spi.BodyAnalysis;
import dev.savoir.kb.spi.RenderContext;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MarkdownRendererTest {
    static final ViewerContext READER = ViewerContext.external(Locale.ENGLISH);
    final MarkdownRenderer renderer = MarkdownRenderer.builder().cacheMaximumBytes(0).build();

    static RenderContext context(Map<String, String> visible) {
        return new RenderContext(ArticleId.of("current"), 1, Locale.ENGLISH, READER,
                id -> Optional.ofNullable(visible.get(id)));
    }

    String html(String markdown) {
        return renderer.toHtml(markdown);
    }

    // --- GitHub-flavoured Markdown

    @Test
    void render_table_becomesHtmlTableWithAlignment() {
        assertThat(html("| Plan | Price |\n|:-----|------:|\n| Pro | 10 € |\n")).isEqualTo("""
                <table>
                <thead>
                <tr>
                <th align="left">Plan</th>
                <th align="right">Price</th>
                </tr>
                </thead>
                <tbody>
                <tr>
                <td align="left">Pro</td>
                <td align="right">10 €</td>
                </tr>
                </tbody>
                </table>
                """);
    }

    @Test
    void render_strikethrough_becomesDel() {
        assertThat(html("~~old~~ new")).isEqualTo("<p><del>old</del> new</p>\n");
    }

    @Test
    void render_taskList_becomesDisabledCheckboxes() {
        assertThat(html("- [x] done\n- [ ] todo")).contains("<li><input type=\"checkbox\" disabled=\"\" checked=\"\"> done</li>")
                .contains("<li><input type=\"checkbox\" disabled=\"\"> todo</li>");
    }

    @Test
    void render_bareUrl_becomesExternalLinkWithRel() {
        assertThat(html("See https://status.example.com now")).isEqualTo("<p>See <a href=\"https://status.example.com\""
                + " rel=\"noopener noreferrer nofollow\">https://status.example.com</a> now</p>\n");
    }

    @Test
    void render_warningAlert_becomesCallout() {
        assertThat(html("> [!WARNING]\n> This deletes your data.")).isEqualTo("""
                <div class="markdown-alert markdown-alert-warning">
                <p class="markdown-alert-title">Warning</p>
                <p>This deletes your data.</p>
                </div>
                """);
    }

    @Test
    void render_alertsOfEveryType_andFrenchTitles() {
        for (String type : List.of("NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION")) {
            assertThat(html("> [!" + type + "]\n> text")).contains("markdown-alert-" + type.toLowerCase(Locale.ROOT));
        }
        RenderContext fr = new RenderContext(ArticleId.of("a"), 1, Locale.FRENCH, READER, id -> Optional.empty());
        assertThat(renderer.render("> [!TIP]\n> Astuce utile", fr).html())
                .contains("<p class=\"markdown-alert-title\">Astuce</p>");
    }

    @Test
    void render_blockQuoteWithoutMarker_staysBlockQuote() {
        assertThat(html("> [!NOTE] inline text")).startsWith("<blockquote>");
        assertThat(html("> [!UNKNOWN]\n> x")).startsWith("<blockquote>");
        assertThat(html("> Just a quote")).isEqualTo("<blockquote>\n<p>Just a quote</p>\n</blockquote>\n");
    }

    @Test
    void render_frontMatter_isNotRenderedButRead() {
        String body = "---\ntitle: Reset your password\ntags:\n  - account\n  - password\n---\n# Steps\n";
        assertThat(html(body)).isEqualTo("<h1 id=\"steps\">Steps</h1>\n");
        assertThat(renderer.document(body).frontMatter()).containsEntry("title", List.of("Reset your password"))
                .containsEntry("tags", List.of("account", "password"));
        assertThat(renderer.document("no front matter").frontMatter()).isEmpty();
    }

    // --- headings

    @Test
    void render_frenchHeadings_getStableAsciiAnchorsAndToc() {
        String body = "# Réinitialiser le mot de passe\n## Étape 1 : ouvrir l'application\n## Étape 1 : ouvrir "
                + "l'application\n### Ça ne marche pas ?\n";
        RenderedArticle.Html h = renderer.render(body, context(Map.of()));
        assertThat(h.toc()).containsExactly(
                new RenderedArticle.Heading(1, "Réinitialiser le mot de passe", "reinitialiser-le-mot-de-passe"),
                new RenderedArticle.Heading(2, "Étape 1 : ouvrir l'application", "etape-1-ouvrir-l-application"),
                new RenderedArticle.Heading(2, "Étape 1 : ouvrir l'application", "etape-1-ouvrir-l-application-1"),
                new RenderedArticle.Heading(3, "Ça ne marche pas ?", "ca-ne-marche-pas"));
        assertThat(h.html()).contains("<h1 id=\"reinitialiser-le-mot-de-passe\">")
                .contains("<h2 id=\"etape-1-ouvrir-l-application-1\">");
        assertThat(renderer.document(body).toc()).isEqualTo(h.toc());
    }

    @Test
    void render_headingsOfOtherScriptsAndSymbols_getUniqueAnchors() {
        RenderedArticle.Html h = renderer.render("# Пароль\n# 🔥🔥\n# ***\n# section\n", context(Map.of()));
        assertThat(h.toc()).extracting(RenderedArticle.Heading::anchor)
                .containsExactly("пароль", "section", "section-1", "section-2");
    }

    @Test
    void render_headingIdPrefix_isApplied() {
        MarkdownRenderer prefixed = MarkdownRenderer.builder().headingIdPrefix("kb-").build();
        assertThat(prefixed.toHtml("## Billing")).isEqualTo("<h2 id=\"kb-billing\">Billing</h2>\n");
    }

    // --- links and images

    @Test
    void render_imageKeepsAltText() {
        assertThat(html("![The *Settings* screen](https://cdn.example.com/s.png \"Settings\")")).isEqualTo(
                "<p><img src=\"https://cdn.example.com/s.png\" alt=\"The Settings screen\" title=\"Settings\" /></p>\n");
    }

    @Test
    void render_relativeAndMailtoLinks_getNoRel() {
        assertThat(html("[help](/help) [mail](mailto:help@example.com)")).isEqualTo(
                "<p><a href=\"/help\">help</a> <a href=\"mailto:help@example.com\">mail</a></p>\n");
    }

    @Test
    void render_externalLinkRel_isConfigurable() {
        MarkdownRenderer custom = MarkdownRenderer.builder().externalLinkRel("noopener").build();
        assertThat(custom.toHtml("[x](https://x.example)")).contains("rel=\"noopener\"");
        MarkdownRenderer none = MarkdownRenderer.builder().externalLinkRel("").build();
        assertThat(none.toHtml("[x](https://x.example)")).doesNotContain("rel=");
    }

    @Test
    void render_externalRawHtmlLink_getsRelToo() {
        assertThat(html("<a href=\"https://x.example\" rel=\"opener\">x</a>"))
                .contains("rel=\"noopener noreferrer nofollow\"").doesNotContain("\"opener\"");
    }

    @Test
    void render_visibleInternalLink_pointsToHostUrl() {
        String out = renderer.render("See [Reset your password](kb:reset-password \"How to reset\").",
                context(Map.of("reset-password", "/help/en/reset-password"))).html();
        assertThat(out).isEqualTo("<p>See <a href=\"/help/en/reset-password\" title=\"How to reset\">Reset your "
                + "password</a>.</p>\n");
    }

    @Test
    void render_invisibleInternalLink_keepsOnlyItsText() {
        String out = renderer.render("See [the escalation runbook](kb:escalation-runbook \"Internal runbook\").",
                context(Map.of())).html();
        assertThat(out).isEqualTo("<p>See the escalation runbook.</p>\n");
    }

    @Test
    void render_referenceAndAutolinkInternalLinks_areResolvedToo() {
        String body = "[Reset][r] and <kb:billing> and [hidden][h]\n\n[r]: kb:reset-password\n[h]: kb:secret\n";
        String out = renderer.render(body, context(Map.of("reset-password", "/r", "billing", "/b"))).html();
        assertThat(out).isEqualTo("<p><a href=\"/r\">Reset</a> and <a href=\"/b\">kb:billing</a> and hidden</p>\n");
    }

    @Test
    void render_internalLinkWithFragment_pointsToHeadingOfTarget() {
        String body = "[Steps](kb:reset-password#steps) [Hidden](kb:secret#x)";
        assertThat(renderer.render(body, context(Map.of("reset-password", "/r"))).html())
                .isEqualTo("<p><a href=\"/r#steps\">Steps</a> Hidden</p>\n");
        assertThat(renderer.analyze(body).internalLinks()).extracting(BodyAnalysis.InternalLink::target)
                .containsExactly("reset-password", "secret");
    }

    @Test
    void render_resolverUrlWithUnsafeScheme_keepsOnlyText() {
        String out = renderer.render("[x](kb:a)", context(Map.of("a", "javascript:alert(1)"))).html();
        assertThat(out).isEqualTo("<p>x</p>\n");
    }

    @Test
    void toHtml_withoutContext_rendersInternalLinksAsText() {
        assertThat(html("[Reset](kb:reset-password)")).isEqualTo("<p>Reset</p>\n");
    }

    // --- raw HTML modes

    @Test
    void render_sanitizeMode_keepsHarmlessHtml() {
        assertThat(html("Press <kbd>Ctrl</kbd>+<kbd>S</kbd>.\n\n<details><summary>More</summary>\n\nHidden text\n\n"
                + "</details>")).contains("<kbd>Ctrl</kbd>", "<details><summary>More</summary>", "Hidden text");
    }

    @Test
    void render_bodyWithRawHtml_goesThroughSanitizerAndKeepsMarkdownMarkup() {
        String markdown = """
                # Réglages

                - [x] done

                | a | b |
                |:--|--:|
                | 1 | 2 |

                > [!TIP]
                > Use [search](https://s.example "Search") and ![logo](https://cdn.example/l.png).

                ```java
                int x = 1;
                ```

                1. one
                """;
        String withoutRawHtml = html(markdown);
        String withRawHtml = html(markdown + "\n<kbd>Ctrl</kbd>\n");
        assertThat(withRawHtml).contains("<h1 id=\"reglages\">Réglages</h1>", "<th align=\"left\">",
                "<td align=\"right\">", "type=\"checkbox\"", "checked", "disabled",
                "<div class=\"markdown-alert markdown-alert-tip\">", "<p class=\"markdown-alert-title\">Tip</p>",
                "<a href=\"https://s.example\" title=\"Search\" rel=\"noopener noreferrer nofollow\">search</a>",
                "<img src=\"https://cdn.example/l.png\" alt=\"logo\"", "<code class=\"language-java\">",
                "<kbd>Ctrl</kbd>");
        assertThat(HtmlSafety.findings(withRawHtml)).isEmpty();
        assertThat(HtmlSafety.findings(withoutRawHtml)).isEmpty();
    }

    @Test
    void render_trustedMode_passesHtmlThrough() {
        MarkdownRenderer trusted = MarkdownRenderer.builder().rawHtml(RawHtml.TRUSTED_UNSAFE).build();
        assertThat(trusted.toHtml("<video src=\"a.mp4\"></video>")).isEqualTo("<p><video src=\"a.mp4\"></video></p>\n");
    }

    @Test
    void render_customSanitizerPolicy_extendsDefault() {
        MarkdownRenderer withVideo = MarkdownRenderer.builder().sanitizerPolicy(MarkdownRenderer
                .defaultSanitizerPolicy().and(new org.owasp.html.HtmlPolicyBuilder().allowElements("video")
                        .allowAttributes("src").onElements("video").allowUrlProtocols("https").toFactory()))
                .build();
        assertThat(withVideo.toHtml("<video src=\"https://v.example/a.mp4\"></video> <script>x</script>"))
                .contains("<video src=\"https://v.example/a.mp4\"></video>").doesNotContain("script");
        assertThat(html("<video src=\"https://v.example/a.mp4\"></video>")).doesNotContain("video");
    }

    // --- plain text, excerpt, reading time

    @Test
    void analyze_plainText_hasNoMarkupNorUrls() {
        String body = """
                # Reset your password

                Open **Settings** > *Security*, then see [the guide](https://x.example/guide) or
                https://status.example.com. ![Settings screen](https://cdn.example.com/s.png)

                | Plan | Price |
                |------|-------|
                | Pro  | 10    |

                - [x] done item
                > [!NOTE]
                > Keep your `recovery code`.

                ```bash
                rm -rf /
                ```
                """;
        BodyAnalysis a = renderer.analyze(body);
        assertThat(a.plainText()).isEqualTo("""
                Reset your password
                Open Settings > Security, then see the guide or . Settings screen
                Plan Price
                Pro 10
                done item
                Keep your recovery code.""");
        assertThat(a.plainText()).doesNotContain("http", "**", "|", "#", "rm -rf");
        assertThat(a.images()).containsExactly("https://cdn.example.com/s.png");
    }

    @Test
    void analyze_options_includeCodeAndUrls() {
        MarkdownRenderer verbose = MarkdownRenderer.builder().plainTextIncludesCode(true)
                .plainTextIncludesUrls(true).build();
        String text = verbose.analyze("See [guide](https://x.example/g) and https://s.example\n\n```\nls -la\n```")
                .plainText();
        assertThat(text).isEqualTo("See guide (https://x.example/g) and https://s.example\nls -la");
    }

    @Test
    void analyze_internalLinksAndImages_inOrderIncludingMalformedIds() {
        BodyAnalysis a = renderer.analyze("[A](kb:a) [Bad](kb:Not Valid) ![i1](x.png) [B](kb:b) ![i2](y.png)"
                + " [C](kb:) [ext](https://e.example)");
        assertThat(a.internalLinks()).containsExactly(new BodyAnalysis.InternalLink("a", "A"),
                new BodyAnalysis.InternalLink("b", "B"), new BodyAnalysis.InternalLink("", "C"));
        assertThat(a.images()).containsExactly("x.png", "y.png");
        BodyAnalysis spaced = renderer.analyze("[Bad](<kb:Not Valid>)");
        assertThat(spaced.internalLinks()).containsExactly(new BodyAnalysis.InternalLink("Not Valid", "Bad"));
    }

    @Test
    void document_excerpt_cutsAtWordBoundary() {
        MarkdownDocument d = renderer.document("# Title\n\nOpen the **Settings** page and choose Security.");
        assertThat(d.excerpt(200)).isEqualTo("Title Open the Settings page and choose Security.");
        assertThat(d.excerpt(20)).isEqualTo("Title Open the…");
        assertThat(d.excerpt(20).length()).isLessThanOrEqualTo(20);
        assertThat(renderer.document("Supercalifragilistic").excerpt(6)).isEqualTo("Super…");
        assertThatThrownBy(() -> d.excerpt(0)).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void document_readingTime_roundsUpAt200WordsPerMinute() {
        assertThat(renderer.document("").readingTime()).isEqualTo(Duration.ZERO);
        assertThat(renderer.document("one two three").readingTime()).isEqualTo(Duration.ofMinutes(1));
        MarkdownDocument long401 = renderer.document("word ".repeat(401));
        assertThat(long401.wordCount()).isEqualTo(401);
        assertThat(long401.readingTime()).isEqualTo(Duration.ofMinutes(3));
    }

    // --- builder

    @Test
    void builder_optionSetTwice_failsClearly() {
        assertThatThrownBy(() -> MarkdownRenderer.builder().rawHtml(RawHtml.ESCAPE).rawHtml(RawHtml.SANITIZE))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("rawHtml: was already set");
    }

    @Test
    void builder_policyWithoutSanitizing_fails() {
        assertThatThrownBy(() -> MarkdownRenderer.builder().rawHtml(RawHtml.ESCAPE)
                .sanitizerPolicy(MarkdownRenderer.defaultSanitizerPolicy()).build())
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("RawHtml.SANITIZE");
    }

    @Test
    void builder_invalidValues_failWithWhatToDo() {
        assertThatThrownBy(() -> MarkdownRenderer.builder().externalLinkRel("noopener\" onclick=\"x"))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("lower-case words");
        assertThatThrownBy(() -> MarkdownRenderer.builder().cacheMaximumBytes(-1))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> MarkdownRenderer.builder().maxBodyBytes(0))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> MarkdownRenderer.builder().headingIdPrefix("a b"))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void builder_buildTwice_givesIndependentRenderers() {
        MarkdownRenderer.Builder b = MarkdownRenderer.builder().rawHtml(RawHtml.ESCAPE);
        MarkdownRenderer first = b.build();
        MarkdownRenderer second = b.build();
        assertThat(first).isNotSameAs(second);
        assertThat(first.toHtml("<b>x</b>")).isEqualTo(second.toHtml("<b>x</b>")).contains("&lt;b&gt;");
    }

    @Test
    void analyze_sections_startWhereTheirHeadingsStartInThePlainText_withTheTocsAnchors() {
        String body = "Intro text.\n\n## Reset *your* password\n\nOpen the link.\n\n### Reset your password\n\n"
                + "> quoted\n\n# Last\nend";
        BodyAnalysis a = renderer.analyze(body);
        assertThat(a.plainText()).doesNotContain("\uE000");
        assertThat(a.sections()).extracting(BodyAnalysis.Section::heading)
                .containsExactly("Reset your password", "Reset your password", "Last");
        assertThat(a.sections()).extracting(BodyAnalysis.Section::level).containsExactly(2, 3, 1);
        List<RenderedArticle.Heading> toc = renderer.document(body).toc();
        assertThat(a.sections()).extracting(BodyAnalysis.Section::anchor)
                .containsExactlyElementsOf(toc.stream().map(RenderedArticle.Heading::anchor).toList())
                .doesNotHaveDuplicates();
        for (BodyAnalysis.Section s : a.sections()) {
            assertThat(a.plainText().substring(s.start())).startsWith(s.heading());
        }
        assertThat(a.plainText()).isEqualTo(renderer.document(body).plainText());
        assertThat(renderer.analyze("No heading at all.").sections()).isEmpty();
    }
}
