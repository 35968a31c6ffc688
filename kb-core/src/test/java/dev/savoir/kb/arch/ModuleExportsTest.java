package dev.savoir.kb.arch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.KbException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The compiled module-info exports kb-core's API and SPI packages, and never an {@code internal} one. */
class ModuleExportsTest {
    static ModuleDescriptor descriptor;

    @BeforeAll
    static void readCompiledModuleInfo() throws URISyntaxException {
        Path classes = Path.of(KbException.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        descriptor = ModuleFinder.of(classes).findAll().iterator().next().descriptor();
    }

    @Test
    void moduleInfo_exportsExactlyTheApiAndSpiPackages() {
        List<String> expected = new ArrayList<>(ApiStatusTest.API_PACKAGES);
        expected.add(ApiStatusTest.SPI_PACKAGE);
        assertThat(descriptor.name()).isEqualTo("dev.savoir.kb.core");
        assertThat(exported()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(descriptor.exports()).as("qualified exports").noneMatch(ModuleDescriptor.Exports::isQualified);
    }

    @Test
    void moduleInfo_exportsNoInternalPackage_andHidesNoOtherPackage() {
        Set<String> notInternal = descriptor.packages().stream().filter(p -> !p.contains(".internal"))
                .collect(Collectors.toSet());
        assertThat(exported()).noneMatch(p -> p.contains(".internal"));
        assertThat(exported()).containsExactlyInAnyOrderElementsOf(notInternal);
    }

    private static Set<String> exported() {
        return descriptor.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    }
}
