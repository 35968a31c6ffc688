package dev.savoir.kb.markdown;

import org.apiguardian.api.API;

/**
 * What happens to HTML written inside Markdown ({@code <kbd>Ctrl</kbd>}, {@code <script>}...).
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum RawHtml {
    /** Shown as text: {@code <b>} appears literally. Nothing an author writes becomes markup. */
    ESCAPE,
    /**
     * Kept when the sanitizer policy allows it (the default: a safe allowlist of formatting elements), removed
     * otherwise. Bodies without raw HTML skip the sanitizer: their markup is built only from parsed Markdown.
     */
    SANITIZE,
    /**
     * Passed through untouched, and link destinations are not checked either. Unsafe: only for content that no
     * untrusted person can write, or for conformance testing against the CommonMark specification.
     */
    TRUSTED_UNSAFE
}
