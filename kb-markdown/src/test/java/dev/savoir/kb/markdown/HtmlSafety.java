package dev.savoir.kb.markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An independent check of rendered HTML, written for the tests: it tokenizes the output strictly and lists every
 * dangerous construct. Every {@code <} must open a well-formed tag with quoted attribute values (text is escaped by
 * the renderer, so a {@code <} that does not is itself a finding); tag names and attribute names must be on an
 * allowlist; no {@code on*} or {@code style} attribute; URL attributes, once entities are decoded and controls and
 * whitespace removed, must be relative or http(s)/mailto/tel.
 */
final class HtmlSafety {
    private static final Pattern TAG = Pattern.compile(
            "\\G<(/?)([a-z][a-z0-9]*)((?:\\s+[a-z][a-z0-9-]*(?:=\"[^\"<>]*\")?)*)\\s*/?>");
    private static final Pattern ATTR = Pattern.compile("([a-z][a-z0-9-]*)(?:=\"([^\"]*)\")?");
    private static final Set<String> TAGS = Set.of("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
            "blockquote", "pre", "code", "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "sub", "sup",
            "small", "kbd", "samp", "var", "abbr", "cite", "q", "dfn", "ul", "ol", "li", "dl", "dt", "dd", "table",
            "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "a", "img", "details", "summary", "span", "div",
            "input", "figure", "figcaption");
    private static final Set<String> ATTRS = Set.of("href", "title", "src", "alt", "width", "height", "id",
            "class", "align", "start", "open", "type", "checked", "disabled", "rel");
    private static final Set<String> URL_ATTRS = Set.of("href", "src");
    private static final Set<String> SCHEMES = Set.of("http", "https", "mailto", "tel");
    private static final Pattern NUMERIC = Pattern.compile("&#(x?)([0-9a-f]+);?", Pattern.CASE_INSENSITIVE);

    private HtmlSafety() {
    }

    /** The dangerous constructs found; empty when the HTML is safe. */
    static List<String> findings(String html) {
        List<String> found = new ArrayList<>();
        if (html.indexOf('\u0000') >= 0) {
            found.add("NUL character");
        }
        int i = 0;
        while (true) {
            int lt = html.indexOf('<', i);
            if (lt < 0) {
                break;
            }
            Matcher m = TAG.matcher(html);
            m.region(lt, html.length());
            if (!m.lookingAt()) {
                found.add("unparseable markup at " + lt + ": "
                        + html.substring(lt, Math.min(html.length(), lt + 40)));
                i = lt + 1;
                continue;
            }
            String name = m.group(2);
            if ("input".equals(name) && !m.group(3).contains("type=\"checkbox\"")) {
                found.add("input that is not a checkbox");
            }
            if (!TAGS.contains(name)) {
                found.add("element <" + name + ">");
            }
            Matcher a = ATTR.matcher(m.group(3));
            while (a.find()) {
                String attr = a.group(1);
                String value = a.group(2) == null ? "" : decode(a.group(2));
                if (!ATTRS.contains(attr)) {
                    found.add("attribute " + attr + " on <" + name + ">");
                }
                if (URL_ATTRS.contains(attr) && !safeUrl(value)) {
                    found.add("URL " + attr + "=\"" + value + "\" on <" + name + ">");
                }
                if ("input".equals(name) && "type".equals(attr) && !"checkbox".equals(value)) {
                    found.add("input of type " + value);
                }
            }
            i = m.end();
        }
        return found;
    }

    static boolean safeUrl(String url) {
        StringBuilder sb = new StringBuilder();
        for (char c : url.toCharArray()) {
            if (c > 0x20 && !(c >= 0x7f && c <= 0xa0) && !Character.isWhitespace(c) && !Character.isSpaceChar(c)
                    && Character.getType(c) != Character.FORMAT) {
                sb.append(c);
            }
        }
        String s = sb.toString().toLowerCase(Locale.ROOT);
        int colon = s.indexOf(':');
        if (colon < 0) {
            return true;
        }
        String before = s.substring(0, colon);
        if (before.contains("/") || before.contains("\\") || before.contains("?") || before.contains("#")) {
            return true;
        }
        return SCHEMES.contains(before);
    }

    /** Decodes the entities a browser would decode in an attribute value. */
    static String decode(String value) {
        String s = value.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&colon;", ":").replace("&Tab;", "\t").replace("&NewLine;", "\n").replace("&apos;", "'");
        Matcher m = NUMERIC.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int cp;
            try {
                cp = Integer.parseInt(m.group(2), m.group(1).isEmpty() ? 10 : 16);
            } catch (NumberFormatException e) {
                cp = 0xFFFD;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(
                    Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : "\uFFFD"));
        }
        m.appendTail(out);
        return out.toString().replace("&amp;", "&");
    }
}
