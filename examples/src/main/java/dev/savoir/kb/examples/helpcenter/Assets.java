package dev.savoir.kb.examples.helpcenter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The help center's script and style sheet, served from the same origin (the CSP forbids inline code). Their one copy
 * is in {@code META-INF/resources} of this jar, where Spring Boot's static resource handling finds them too, so the
 * Spring Boot example serves the same files.
 */
final class Assets {
    private Assets() {
    }

    /** Autocomplete: suggestions are inserted with textContent, never as HTML. */
    static final String APP_JS = read("app.js");

    static final String STYLE_CSS = read("style.css");

    private static String read(String name) {
        try (InputStream in = Assets.class.getResourceAsStream("/META-INF/resources/" + name)) {
            if (in == null) {
                throw new IllegalStateException("META-INF/resources/" + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
