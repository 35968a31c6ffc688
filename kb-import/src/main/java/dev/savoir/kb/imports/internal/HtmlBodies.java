package dev.savoir.kb.imports.internal;

import com.vladsch.flexmark.html2md.converter.FlexmarkHtmlConverter;
import com.vladsch.flexmark.util.data.MutableDataSet;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jspecify.annotations.Nullable;

/**
 * HTML bodies of CRM articles to Markdown, with flexmark's html2md converter over a jsoup tree. Before the
 * conversion the tree is cleaned: scripts, styles, forms and plugins are removed (their text is not content),
 * embedded frames become links, and every image goes through an {@link ImageRewriter} that points it at an
 * attachment (or drops it). Images written as {@code data:} URIs are decoded into attachments here. The result is
 * Markdown whose raw HTML, if any is left, kb-markdown's sanitizer still filters when it renders. Immutable and
 * thread-safe.
 */
public final class HtmlBodies {
    private static final Map<String, String> DATA_IMAGE_TYPES = Map.of("image/png", "png", "image/jpeg", "jpg",
            "image/jpg", "jpg", "image/gif", "gif", "image/webp", "webp");
    private static final String REMOVED = "script, style, noscript, template, object, embed, applet, form, input, "
            + "button, select, textarea, link, meta, base";

    /** Elements nested deeper than this are unwrapped (their content kept), so that hostile nesting is cheap. */
    static final int MAX_DEPTH = 48;

    private final FlexmarkHtmlConverter converter;

    /** Decides what an image of a body points at. */
    @FunctionalInterface
    public interface ImageRewriter {
        /**
         * @param src the image's {@code src} as written
         * @return the new {@code src}, or null to drop the image (its alt text stays)
         */
        @Nullable String rewrite(String src);
    }

    public HtmlBodies() {
        MutableDataSet options = new MutableDataSet();
        options.set(FlexmarkHtmlConverter.SETEXT_HEADINGS, false);
        options.set(FlexmarkHtmlConverter.OUTPUT_UNKNOWN_TAGS, false);
        options.set(FlexmarkHtmlConverter.RENDER_COMMENTS, false);
        options.set(FlexmarkHtmlConverter.TYPOGRAPHIC_QUOTES, false);
        options.set(FlexmarkHtmlConverter.TYPOGRAPHIC_SMARTS, false);
        this.converter = FlexmarkHtmlConverter.builder(options).build();
    }

    /** The Markdown of an HTML body, images rewritten. */
    public String toMarkdown(String html, ImageRewriter rewriter) {
        Document doc = Jsoup.parseBodyFragment(html);
        doc.select(REMOVED).remove();
        flatten(doc.body());
        for (Element frame : doc.select("iframe, video, audio")) {
            String src = frame.absUrl("src").isEmpty() ? frame.attr("src") : frame.absUrl("src");
            if (src.startsWith("https://") || src.startsWith("http://")) {
                frame.replaceWith(new Element("a").attr("href", src).text(src));
            } else {
                frame.remove();
            }
        }
        // Images are written by hand: the converter would turn an image named like an emoji (x.png) into :x:.
        List<String> images = new ArrayList<>();
        String token = "zqimg" + Long.toHexString(System.nanoTime()) + "x";
        for (Element img : doc.select("img")) {
            String alt = img.attr("alt").strip();
            String src = rewriter.rewrite(img.attr("src").strip());
            if (src == null) {
                if (alt.isBlank()) {
                    img.remove();
                } else {
                    img.replaceWith(new TextNode(alt));
                }
            } else {
                img.replaceWith(new TextNode(token + images.size() + "x"));
                images.add("![" + alt.replaceAll("[\\\\\\[\\]]", "\\\\$0") + "](" + destination(src) + ")");
            }
        }
        String md = converter.convert(doc.body()).replace("\r\n", "\n");
        for (int i = images.size() - 1; i >= 0; i--) {
            md = md.replace(token + i + "x", images.get(i));
        }
        return md.strip();
    }

    /** A link destination with the characters that would end it percent-encoded. */
    private static String destination(String src) {
        StringBuilder sb = new StringBuilder(src.length());
        for (char c : src.toCharArray()) {
            switch (c) {
                case ' ' -> sb.append("%20");
                case '(' -> sb.append("%28");
                case ')' -> sb.append("%29");
                case '<' -> sb.append("%3C");
                case '>' -> sb.append("%3E");
                default -> sb.append(c < 0x20 ? "" : String.valueOf(c));
            }
        }
        return sb.toString();
    }

    /** Unwraps every element deeper than {@link #MAX_DEPTH} below the body (the converter recurses). */
    private static void flatten(Element body) {
        List<Element> deep = new ArrayList<>();
        NodeTraversor.traverse((node, depth) -> {
            if (depth > MAX_DEPTH && node instanceof Element e) {
                deep.add(e);
            }
        }, body);
        for (Element e : deep) {
            e.unwrap();
        }
    }

    /** A decoded {@code data:} image: its bytes and a file name from their hash. */
    public record DataImage(String name, byte[] data) {
    }

    /**
     * Decodes a {@code data:image/...;base64,} URI (PNG, JPEG, GIF or WebP), or returns null when it is not one.
     */
    public static @Nullable DataImage dataImage(String src) {
        if (!src.regionMatches(true, 0, "data:", 0, 5)) {
            return null;
        }
        int comma = src.indexOf(',');
        if (comma < 0) {
            return null;
        }
        String meta = src.substring(5, comma).toLowerCase(Locale.ROOT);
        List<String> parts = List.of(meta.split(";"));
        String ext = DATA_IMAGE_TYPES.get(parts.getFirst().strip());
        if (ext == null || !parts.contains("base64")) {
            return null;
        }
        byte[] data;
        try {
            data = Base64.getMimeDecoder().decode(src.substring(comma + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (data.length == 0) {
            return null;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(data);
            return new DataImage("image-" + HexFormat.of().formatHex(hash, 0, 6) + "." + ext, data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
