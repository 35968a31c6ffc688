package dev.savoir.kb.examples.spring;

import dev.savoir.kb.search.SearchHit;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** HTML escaping and the page frame of the help center; all text goes through {@link #esc}. */
final class Html {
    private Html() {
    }

    /** HTML-escapes text for element content and quoted attributes. */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The snippet with its highlights as {@code <mark>}, everything else escaped. */
    static String highlight(SearchHit h) {
        String s = h.snippet();
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (SearchHit.Highlight hl : h.highlights()) {
            if (hl.start() < at || hl.end() > s.length() || hl.start() > hl.end()) {
                continue;
            }
            out.append(esc(s.substring(at, hl.start()))).append("<mark>")
                    .append(esc(s.substring(hl.start(), hl.end()))).append("</mark>");
            at = hl.end();
        }
        return out.append(esc(s.substring(at))).toString();
    }

    /** A whole page: the header with the languages, then {@code body} (already HTML). */
    static String page(String title, String body, Locale locale) {
        String lang = esc(locale.toLanguageTag());
        return "<!DOCTYPE html><html lang=\"" + lang + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + esc(title) + " · Lumo Help Center</title><link rel=\"stylesheet\" href=\"/style.css\">"
                + "<script src=\"/app.js\" defer></script></head><body><header><a class=\"brand\" href=\"/?lang="
                + lang + "\">Lumo Help Center</a><nav class=\"langs\"><a href=\"/?lang=en\">English</a> · "
                + "<a href=\"/?lang=fr\">Français</a></nav></header><main>" + body + "</main></body></html>";
    }
}
