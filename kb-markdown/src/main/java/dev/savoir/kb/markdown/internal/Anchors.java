package dev.savoir.kb.markdown.internal;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;

/**
 * Heading ids: stable (a function of the heading texts only), unique in a body, readable for accented headings
 * ({@code "Réinitialiser le mot de passe"} becomes {@code reinitialiser-le-mot-de-passe}); letters of other scripts
 * are kept, a heading without letters or digits becomes {@code section}; duplicates get {@code -1}, {@code -2}...
 */
public final class Anchors {
    private Anchors() {
    }

    /** The id of every heading of a document, in document order. */
    public static Map<Heading, String> assign(Node document, String prefix) {
        Map<Heading, String> ids = new IdentityHashMap<>();
        Set<String> used = new HashSet<>();
        Walker.walk(document, node -> {
            if (node instanceof Heading h) {
                String base = prefix + slug(Texts.of(h));
                String id = base;
                for (int n = 1; !used.add(id); n++) {
                    id = base + "-" + n;
                }
                ids.put(h, id);
                return false;
            }
            return true;
        });
        return ids;
    }

    /** The slug of a heading text. */
    public static String slug(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
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
        String slug = Normalizer.normalize(sb.toString().toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
        return slug.isEmpty() ? "section" : slug;
    }
}
