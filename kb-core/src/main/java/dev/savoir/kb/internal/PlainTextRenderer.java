package dev.savoir.kb.internal;

import dev.savoir.kb.RenderedArticle;
import dev.savoir.kb.spi.BodyAnalysis;
import dev.savoir.kb.spi.ContentRenderer;
import dev.savoir.kb.spi.RenderContext;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The renderer used when no Markdown renderer (kb-markdown) is plugged in: it strips the common Markdown markup for
 * indexing, finds {@code [text](kb:id)} links with a regular expression, and renders the body as escaped,
 * pre-formatted text, so that nothing an author writes can become markup.
 */
public final class PlainTextRenderer implements ContentRenderer {
    private static final Pattern LINK = Pattern.compile("(!?)\\[([^\\]\\n]{0,500})\\]\\(\\s*<?([^)\\s>]{0,2000})>?[^)]{0,500}\\)");
    private static final Pattern HTML_TAG = Pattern.compile("</?[A-Za-z][^>\\n]{0,500}>");
    private static final Pattern MARKUP = Pattern.compile("(?m)^\\s{0,3}(#{1,6}\\s+|>\\s?|[-*+]\\s+|\\d{1,9}[.)]\\s+)"
            + "|[*_~`]{1,3}|^\\s*\\|?[-:| ]{3,}\\|?\\s*$");

    /** An ATX heading's opening ({@code ## }), kept through the stripping as a mark and its level. */
    private static final Pattern HEADING = Pattern.compile("(?m)^\\s{0,3}(#{1,6})\\s+(?=\\S)");
    private static final char MARK = '\uE000';

    @Override
    public BodyAnalysis analyze(String source) {
        String markdown = source.indexOf(MARK) >= 0 ? source.replace(MARK, ' ') : source;
        if (markdown.indexOf('#') >= 0) {
            markdown = HEADING.matcher(markdown).replaceAll(r -> MARK + Integer.toString(r.group(1).length()));
        }
        List<BodyAnalysis.InternalLink> links = new ArrayList<>();
        List<String> images = new ArrayList<>();
        CharSequence text = markdown;
        // every link and image has "](": without one, no search for them
        if (markdown.contains("](")) {
            Matcher m = LINK.matcher(markdown);
            StringBuilder linked = new StringBuilder(markdown.length());
            while (m.find()) {
                String target = m.group(3);
                if (!m.group(1).isEmpty()) {
                    images.add(target);
                } else if (target.startsWith("kb:")) {
                    links.add(new BodyAnalysis.InternalLink(target.substring(3), m.group(2)));
                }
                m.appendReplacement(linked, Matcher.quoteReplacement(m.group(2)));
            }
            m.appendTail(linked);
            text = linked;
        }
        if (text.toString().indexOf('<') >= 0) {
            text = HTML_TAG.matcher(text).replaceAll(" ");
        }
        String plain = collapseBlanks(MARKUP.matcher(text).replaceAll("")).strip();
        if (plain.indexOf(MARK) < 0) {
            return new BodyAnalysis(plain, links, images);
        }
        // the headings: where each mark was, its level, the rest of its line; no anchors (the body renders as
        // pre-formatted text, without heading ids)
        StringBuilder out = new StringBuilder(plain.length());
        List<int[]> starts = new ArrayList<>();
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if (c == MARK && i + 1 < plain.length() && Character.isDigit(plain.charAt(i + 1))) {
                starts.add(new int[] {out.length(), plain.charAt(i + 1) - '0'});
                i++;
            } else if (c != MARK) {
                out.append(c);
            }
        }
        String unmarked = out.toString();
        List<BodyAnalysis.Section> sections = new ArrayList<>(starts.size());
        for (int[] st : starts) {
            int end = unmarked.indexOf('\n', st[0]);
            String heading = unmarked.substring(st[0], end < 0 ? unmarked.length() : end).strip();
            sections.add(new BodyAnalysis.Section(st[1], heading, "", st[0]));
        }
        return new BodyAnalysis(unmarked, links, images, sections);
    }

    /**
     * Table pipes as spaces, each run of spaces and tabs as one space, each run of three or more line breaks as two:
     * what {@code replace('|', ' ').replaceAll("[ \\t]+", " ").replaceAll("\\n{3,}", "\n\n")} gives, in one pass.
     */
    static String collapseBlanks(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '|') {
                while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '|')) {
                    i++;
                }
                out.append(' ');
            } else if (c == '\n') {
                int start = i;
                while (i < n && s.charAt(i) == '\n') {
                    i++;
                }
                out.append(i - start >= 3 ? "\n\n" : s.substring(start, i));
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    @Override
    public RenderedArticle.Html render(String markdown, RenderContext context) {
        return new RenderedArticle.Html("<pre>" + escape(markdown) + "</pre>", List.of());
    }

    /** HTML-escapes text for element content and quoted attribute values. */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                case '\u0000' -> sb.append('\uFFFD');
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
