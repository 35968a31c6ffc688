package dev.savoir.kb.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The three tiers hold: only the API package is exported, and no public API signature mentions an internal type. */
class ApiSurfaceTest {
    static final List<Class<?>> API = List.of(MarkdownRenderer.class, MarkdownRenderer.Builder.class, RawHtml.class,
            RenderCacheStats.class, MarkdownDocument.class, MarkdownDocument.InternalLink.class,
            MarkdownDocument.Image.class);

    @Test
    void moduleDescriptor_exportsOnlyTheApiPackage() {
        Path classes = Path.of(MarkdownRenderer.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        ModuleDescriptor descriptor = ModuleFinder.of(classes).findAll().iterator().next().descriptor();
        assertThat(descriptor.name()).isEqualTo("dev.savoir.kb.markdown");
        assertThat(descriptor.exports()).extracting(ModuleDescriptor.Exports::source)
                .containsExactly("dev.savoir.kb.markdown");
        assertThat(descriptor.packages()).contains("dev.savoir.kb.markdown.internal");
    }

    @Test
    void publicApi_neverMentionsInternalTypes() {
        for (Class<?> type : API) {
            for (Method m : type.getMethods()) {
                if (!Modifier.isPublic(m.getModifiers())) {
                    continue;
                }
                String signature = Stream.concat(Stream.of(m.getGenericReturnType()),
                        Arrays.stream(m.getGenericParameterTypes())).map(Object::toString)
                        .collect(Collectors.joining(","));
                assertThat(signature).as(type.getSimpleName() + "." + m.getName()).doesNotContain(".internal.");
            }
        }
    }

    @Test
    void publicApi_typesAreFinalOrEnumsOrRecords() {
        for (Class<?> type : API) {
            assertThat(Modifier.isFinal(type.getModifiers()) || type.isEnum() || type.isRecord())
                    .as(type.getName()).isTrue();
        }
    }
}
