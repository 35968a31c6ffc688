package dev.savoir.kb.markdown.internal;

import dev.savoir.kb.RenderedArticle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.commonmark.ext.front.matter.YamlFrontMatterBlock;
import org.commonmark.ext.front.matter.YamlFrontMatterVisitor;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.node.Block;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;

/** One walk over a parsed body: plain text, internal links, images, headings, raw HTML presence. */
public final class Analyzer {
    /** The scheme of internal links. */
    public static final String KB_SCHEME = "kb:";
    /** Something that reads as an HTML tag, written by an author as text; dropped from the text for indexing. */
    private static final Pattern TAG_LIKE = Pattern.compile("</?[A-Za-z][^<>\\n]{0,500}>|<!--|-->");

    /**
     * What a walk found.
     *
     * @param plainText text for indexing
     * @param links internal links (target as written after {@code kb:}, link text)
     * @param images images (source, alt text)
     * @param toc headings with their anchors
     * @param sectionStarts where each heading of {@code toc} starts in {@code plainText}, or empty when that could
     *     not be told
     * @param frontMatter YAML front matter, empty when absent
     * @param rawHtml whether the body holds raw HTML
     */
    public record Result(String plainText, List<String[]> links, List<String[]> images,
                         List<RenderedArticle.Heading> toc, List<Integer> sectionStarts,
                         Map<String, List<String>> frontMatter, boolean rawHtml) {
    }

    /** Marks where a heading starts in the raw text; removed (and counted) after normalizing. */
    private static final char HEADING_MARK = '\uE000';

    private Analyzer() {
    }

    /** Analyzes a parsed document. */
    public static Result analyze(Node document, boolean includeCode, boolean includeUrls, String idPrefix) {
        StringBuilder text = new StringBuilder();
        List<String[]> links = new ArrayList<>();
        List<String[]> images = new ArrayList<>();
        boolean[] rawHtml = {false};
        Map<String, List<String>> frontMatter = Map.of();
        Walker.walk(document, new Walker.Visitor() {
            @Override
            public boolean enter(Node n) {
                switch (n) {
                    case Text t -> text.append(t.getLiteral());
                    case Heading h -> text.append(HEADING_MARK);
                    case Code c -> text.append(c.getLiteral());
                    case SoftLineBreak s -> text.append(' ');
                    case HardLineBreak h -> text.append('\n');
                    case HtmlInline h -> rawHtml[0] = true;
                    case HtmlBlock h -> {
                        rawHtml[0] = true;
                        return false;
                    }
                    case FencedCodeBlock f -> {
                        if (includeCode) {
                            text.append(f.getLiteral()).append('\n');
                        }
                        return false;
                    }
                    case IndentedCodeBlock i -> {
                        if (includeCode) {
                            text.append(i.getLiteral()).append('\n');
                        }
                        return false;
                    }
                    case YamlFrontMatterBlock y -> {
                        return false;
                    }
                    case Link l -> {
                        String dest = l.getDestination();
                        String label = Texts.of(l);
                        if (dest.startsWith(KB_SCHEME)) {
                            links.add(new String[] {target(dest), label});
                        } else if (isAutolink(l, label)) {
                            // an autolink: its text is a URL
                            if (includeUrls) {
                                text.append(dest);
                            }
                            return false;
                        }
                    }
                    case Image i -> {
                        String alt = Texts.of(i);
                        images.add(new String[] {i.getDestination(), alt});
                        text.append(alt);
                        return false;
                    }
                    default -> {
                    }
                }
                return true;
            }

            @Override
            public void exit(Node n) {
                if (n instanceof Link l && includeUrls && !l.getDestination().startsWith(KB_SCHEME)
                        && !isAutolink(l, Texts.of(l))) {
                    text.append(" (").append(l.getDestination()).append(')');
                } else if (n instanceof TableCell) {
                    text.append(' ');
                } else if (n instanceof Block || n instanceof TableRow) {
                    text.append('\n');
                }
            }
        });
        if (document.getFirstChild() instanceof YamlFrontMatterBlock y) {
            YamlFrontMatterVisitor visitor = new YamlFrontMatterVisitor();
            y.accept(visitor);
            frontMatter = visitor.getData();
        }
        Anchors anchors = new Anchors(idPrefix);
        List<RenderedArticle.Heading> toc = new ArrayList<>();
        Walker.walk(document, n -> {
            if (n instanceof Heading h) {
                String title = Texts.of(h);
                toc.add(new RenderedArticle.Heading(h.getLevel(), title, anchors.next(title)));
                return false;
            }
            return true;
        });
        // the pattern can only match at a '<' or a "-->": most bodies have neither, and need no regex scan
        CharSequence plain = text.indexOf("<") >= 0 || text.indexOf("-->") >= 0
                ? TAG_LIKE.matcher(text).replaceAll(" ") : text;
        String normalized = normalize(plain);
        List<Integer> starts = new ArrayList<>(toc.size());
        if (!toc.isEmpty()) {
            normalized = unmark(normalized, starts);
            if (starts.size() != toc.size()) {
                starts.clear();
            }
        }
        return new Result(normalized, links, images, toc, List.copyOf(starts), frontMatter, rawHtml[0]);
    }

    /** The text without heading marks; the offset of each mark goes to {@code starts}. */
    private static String unmark(String marked, List<Integer> starts) {
        StringBuilder out = new StringBuilder(marked.length());
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            if (c == HEADING_MARK) {
                starts.add(out.length());
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The article id of an internal link destination: what follows {@code kb:}, without a {@code #fragment}. */
    public static String target(String destination) {
        int hash = destination.indexOf('#');
        return destination.substring(KB_SCHEME.length(), hash < 0 ? destination.length() : hash);
    }

    /** The {@code #fragment} of an internal link destination, or the empty string. */
    public static String fragment(String destination) {
        int hash = destination.indexOf('#');
        return hash < 0 ? "" : destination.substring(hash);
    }

    private static boolean isAutolink(Link link, String label) {
        String dest = link.getDestination();
        return label.equals(dest) || ("mailto:" + label).equals(dest) || ("http://" + label).equals(dest)
                || ("https://" + label).equals(dest);
    }

    /** Calls an action on every node, in document order, without recursion. */
    public static void forEach(Node root, Consumer<Node> action) {
        Walker.walk(root, n -> {
            action.accept(n);
            return true;
        });
    }

    /** The visible text of a node. */
    public static String textOf(Node node) {
        return Texts.of(node);
    }

    /** Collapses runs of spaces and of line breaks, trims lines. */
    static String normalize(CharSequence raw) {
        StringBuilder out = new StringBuilder(raw.length());
        int newlines = 0;
        boolean space = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            // printable ASCII, by far the most frequent, is neither a space nor a line break
            boolean printableAscii = c > ' ' && c < '\u007F';
            if (!printableAscii && c == '\n') {
                newlines++;
                space = false;
            } else if (!printableAscii
                    && (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0000')) {
                space = true;
            } else {
                if (!out.isEmpty()) {
                    if (newlines > 0) {
                        out.append('\n');
                    } else if (space) {
                        out.append(' ');
                    }
                }
                newlines = 0;
                space = false;
                out.append(c);
            }
        }
        return out.toString();
    }
}
