package dev.savoir.kb.markdown.internal;

import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which link and image destinations may reach a browser. An allowlist of schemes (http, https, mailto, tel for links;
 * http, https for images) plus relative URLs; everything else ({@code javascript:}, {@code vbscript:}, {@code data:},
 * {@code file:}, unknown schemes) is refused. The scheme is read the way a browser reads it: after removing control
 * characters and whitespace anywhere, case-insensitively. Entities were already decoded by the parser.
 */
public final class UrlPolicy {
    private static final Set<String> LINK_SCHEMES = Set.of("http", "https", "mailto", "tel");
    private static final Set<String> IMAGE_SCHEMES = Set.of("http", "https");

    private UrlPolicy() {
    }

    /** The destination if a link may point to it, else null. */
    public static @Nullable String link(String url) {
        return check(url, LINK_SCHEMES);
    }

    /** The source if an image may load it, else null. */
    public static @Nullable String image(String url) {
        return check(url, IMAGE_SCHEMES);
    }

    /** Whether a (safe) URL leaves the site: absolute http(s) or protocol-relative. */
    public static boolean isExternal(String url) {
        String s = squeeze(url).toLowerCase(Locale.ROOT);
        return s.startsWith("http:") || s.startsWith("https:") || s.startsWith("//") || s.startsWith("\\\\")
                || s.startsWith("/\\") || s.startsWith("\\/");
    }

    private static @Nullable String check(String url, Set<String> schemes) {
        String s = squeeze(url);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':') {
                String scheme = s.substring(0, i).toLowerCase(Locale.ROOT);
                return schemes.contains(scheme) ? url : null;
            }
            if (c == '/' || c == '?' || c == '#' || c == '\\') {
                break;
            }
        }
        // relative: a path, a query or a fragment; the first segment has no colon
        return url;
    }

    /** Removes what browsers ignore or strip in a URL: controls, whitespace, invisible format characters. */
    private static String squeeze(String url) {
        StringBuilder sb = null;
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            boolean drop = (c <= 0x20 || c >= 0x7f) && isIgnored(c);
            if (drop && sb == null) {
                sb = new StringBuilder(url.length());
                sb.append(url, 0, i);
            } else if (!drop && sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? url : sb.toString();
    }

    /** For characters outside printable ASCII: controls, DEL to NBSP, format characters, spaces. */
    private static boolean isIgnored(char c) {
        return c <= 0xa0 || Character.getType(c) == Character.FORMAT || Character.isWhitespace(c)
                || Character.isSpaceChar(c);
    }
}
