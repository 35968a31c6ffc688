package dev.savoir.kb.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated hostile bodies, assembled from the pieces XSS vectors are made of (tag openers, event handlers, URL
 * schemes, entities, nulls, Markdown link and image syntax): no dangerous construct survives rendering, whatever the
 * mode, and the analysis never fails.
 */
class HostileInputPropertiesTest {
    private static final List<String> PIECES = List.of("<", ">", "</", "/>", "<script>", "</script>", "script",
            "<img src=x", "<a href=\"", "\"", "'", "`", "=", " ", "\n", "\n\n", "\t", "\u0000", "\u200B", "\r",
            "onerror=alert(1)", " onload=", "onmouseover", "javascript:", "JaVaScRiPt:", "java\tscript:",
            "&#106;", "&#x6A;", "&#0000106", "&#58;", "&colon;", "&#x09;", "&Tab;", "vbscript:", "data:text/html,",
            "data:image/svg+xml,", "alert(1)", "<iframe", "<object", "<embed", "<form", "<style>", "<svg",
            "<math>", "<base href=", "<meta", "<!--", "-->", "<![CDATA[", "]]>", "[", "]", "](", ")", "![", "<",
            "kb:", "kb:secret", "[x]: ", "*", "**", "_", "~~", "|", "|---|", "---", "> ", "> [!WARNING]\n",
            "# ", "- [ ] ", "```", "    ", "\\", "https://evil.example/", "www.evil.example", "mailto:", "@",
            "<details open ontoggle=", "<kbd>", "</kbd>", "style=\"", "expression(", "url(");

    private final MarkdownRenderer sanitizing = MarkdownRenderer.builder().cacheMaximumBytes(0).build();
    private final MarkdownRenderer escaping = MarkdownRenderer.builder().rawHtml(RawHtml.ESCAPE)
            .cacheMaximumBytes(0).build();

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(40).map(l -> String.join("", l));
    }

    @Property(tries = 1000)
    void render_hostileInput_sanitized_hasNoDangerousConstruct(@ForAll("hostile") String body) {
        String html = sanitizing.toHtml(body);
        assertThat(HtmlSafety.findings(html)).as("%s%n=> %s", body, html).isEmpty();
    }

    @Property(tries = 1000)
    void render_hostileInput_escaped_hasNoDangerousConstruct(@ForAll("hostile") String body) {
        String html = escaping.toHtml(body);
        assertThat(HtmlSafety.findings(html)).as("%s%n=> %s", body, html).isEmpty();
    }

    @Property(tries = 300)
    void render_anyUnicode_sanitized_hasNoDangerousConstruct(@ForAll String body) {
        String html = sanitizing.toHtml(body);
        assertThat(HtmlSafety.findings(html)).as("%s%n=> %s", body, html).isEmpty();
    }

    @Property(tries = 500)
    void analyze_hostileInput_linksAreOnlyKbTargets(@ForAll("hostile") String body) {
        MarkdownDocument doc = sanitizing.document(body);
        assertThat(doc.plainText()).doesNotContain("\u0000");
        assertThat(doc.excerpt(40).length()).isLessThanOrEqualTo(40);
    }
}
