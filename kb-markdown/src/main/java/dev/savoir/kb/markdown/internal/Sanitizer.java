package dev.savoir.kb.markdown.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.owasp.html.Handler;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.HtmlSanitizer;
import org.owasp.html.HtmlStreamEventReceiver;
import org.owasp.html.HtmlStreamRenderer;
import org.owasp.html.PolicyFactory;

/**
 * The OWASP Java HTML Sanitizer, applied to the whole rendered body when it holds raw HTML. The default policy allows
 * what the Markdown renderer emits plus the harmless formatting HTML support articles use ({@code kbd},
 * {@code details}, {@code sub}...); no script, style, frame, object, embed, form, event handler or unsafe URL. After
 * the policy, external links get the configured {@code rel}, whatever the policy let through.
 */
public final class Sanitizer {
    private static final Pattern ID = Pattern.compile("[\\p{L}\\p{N}_-]{1,120}");
    private static final Pattern LANGUAGE = Pattern.compile("language-[A-Za-z0-9_+#.-]{1,40}");
    private static final Pattern ALERT = Pattern.compile(
            "markdown-alert(-title)?( markdown-alert-(note|tip|important|warning|caution))?");
    private static final Pattern ALIGN = Pattern.compile("(?i)left|center|right");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,9}");

    /** The default policy: a safe allowlist. Build once; immutable. */
    public static final PolicyFactory DEFAULT_POLICY = new HtmlPolicyBuilder()
            .allowElements("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code",
                    "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "sub", "sup", "small", "kbd", "samp",
                    "var", "abbr", "cite", "q", "dfn", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody",
                    "tfoot", "tr", "th", "td", "caption", "a", "img", "details", "summary", "span", "div",
                    "figure", "figcaption")
            .allowElements(Sanitizer::disabledCheckboxOnly, "input")
            .allowUrlProtocols("http", "https", "mailto", "tel")
            .allowAttributes("href").onElements("a")
            .allowAttributes("title").globally()
            .allowAttributes("src").onElements("img")
            .allowAttributes("alt").onElements("img")
            .allowAttributes("width", "height").matching(NUMBER).onElements("img")
            .allowAttributes("id").matching(ID).onElements("h1", "h2", "h3", "h4", "h5", "h6")
            .allowAttributes("class").matching(LANGUAGE).onElements("code")
            .allowAttributes("class").matching(ALERT).onElements("div", "p")
            .allowAttributes("align").matching(ALIGN).onElements("th", "td")
            .allowAttributes("start").matching(NUMBER).onElements("ol")
            .allowAttributes("open").onElements("details")
            .allowAttributes("type").matching(Pattern.compile("checkbox")).onElements("input")
            .allowAttributes("checked", "disabled").onElements("input")
            .allowWithoutAttributes("span", "div", "a")
            .toFactory();

    private Sanitizer() {
    }

    /** Task-list boxes only: an input that is not a checkbox is dropped, a checkbox is always disabled. */
    private static @Nullable String disabledCheckboxOnly(String name, List<String> attrs) {
        boolean checkbox = false;
        boolean disabled = false;
        for (int i = 0; i + 1 < attrs.size(); i += 2) {
            checkbox |= "type".equals(attrs.get(i)) && "checkbox".equals(attrs.get(i + 1));
            disabled |= "disabled".equals(attrs.get(i));
        }
        if (!checkbox) {
            return null;
        }
        if (!disabled) {
            attrs.add("disabled");
            attrs.add("disabled");
        }
        return name;
    }

    /** Sanitizes HTML with a policy, then puts {@code rel} on external links (unless {@code rel} is empty). */
    public static String sanitize(String html, PolicyFactory policy, String rel) {
        StringBuilder out = new StringBuilder(html.length() + 64);
        HtmlStreamEventReceiver renderer = HtmlStreamRenderer.create(out, Handler.DO_NOTHING);
        HtmlStreamEventReceiver receiver = rel.isEmpty() ? renderer : new RelOnExternalLinks(renderer, rel);
        HtmlSanitizer.sanitize(html, policy.apply(receiver));
        return out.toString();
    }

    private record RelOnExternalLinks(HtmlStreamEventReceiver out, String rel) implements HtmlStreamEventReceiver {
        @Override
        public void openDocument() {
            out.openDocument();
        }

        @Override
        public void closeDocument() {
            out.closeDocument();
        }

        @Override
        public void openTag(String name, List<String> attrs) {
            if (!"a".equals(name)) {
                out.openTag(name, attrs);
                return;
            }
            List<String> fixed = new ArrayList<>(attrs.size() + 2);
            boolean external = false;
            for (int i = 0; i + 1 < attrs.size(); i += 2) {
                if ("rel".equals(attrs.get(i))) {
                    continue;
                }
                if ("href".equals(attrs.get(i)) && UrlPolicy.isExternal(attrs.get(i + 1))) {
                    external = true;
                }
                fixed.add(attrs.get(i));
                fixed.add(attrs.get(i + 1));
            }
            if (external) {
                fixed.add("rel");
                fixed.add(rel);
            }
            out.openTag(name, fixed);
        }

        @Override
        public void closeTag(String name) {
            out.closeTag(name);
        }

        @Override
        public void text(String text) {
            out.text(text);
        }
    }
}
