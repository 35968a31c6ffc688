package dev.savoir.kb.markdown.internal;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Heading ids: stable (a function of the heading texts only), unique in a body, readable for accented headings
 * ({@code "Réinitialiser le mot de passe"} becomes {@code reinitialiser-le-mot-de-passe}); letters of other scripts
 * are kept, a heading without letters or digits becomes {@code section}; duplicates get {@code -1}, {@code -2}...
 * Ids are handed out in document order, which is both the order of the table of contents and of rendering.
 * Not thread-safe: one instance per rendering.
 */
public final class Anchors {
    private final String prefix;
    private final Set<String> used = new HashSet<>();

    public Anchors(String prefix) {
        this.prefix = prefix;
    }

    /** The id of the next heading, given its text. */
    public String next(String headingText) {
        String base = prefix + slug(headingText);
        String id = base;
        for (int n = 1; !used.add(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    /** The slug of a heading text. */
    public static String slug(String text) {
        boolean ascii = true;
        for (int i = 0; i < text.length() && ascii; i++) {
            ascii = text.charAt(i) < 0x80;
        }
        String decomposed = ascii ? text : Normalizer.normalize(text, Normalizer.Form.NFKD);
        StringBuilder sb = new StringBuilder(decomposed.length());
        boolean dash = false;
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) == Character.NON_SPACING_MARK) {
                continue;
            }
            if (Character.isLetterOrDigit(cp)) {
                if (dash && !sb.isEmpty()) {
                    sb.append('-');
                }
                dash = false;
                sb.appendCodePoint(Character.toLowerCase(cp));
            } else {
                dash = true;
            }
            if (sb.length() >= 80) {
                break;
            }
        }
        String slug = ascii ? sb.toString()
                : Normalizer.normalize(sb.toString().toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
        return slug.isEmpty() ? "section" : slug;
    }
}
