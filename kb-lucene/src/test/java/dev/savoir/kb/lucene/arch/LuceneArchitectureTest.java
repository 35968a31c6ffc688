package dev.savoir.kb.lucene.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.arch.ArchitectureRules;
import org.apiguardian.api.API;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tier rules of STYLE.md, checked on kb-lucene's classes. One declared difference, in
 * {@code archunit_ignore_patterns.txt}: {@code LuceneSearchEngine.factory()} returns the SPI factory, as the builder's
 * {@code build()} does, because that factory is what {@code KnowledgeBase.Builder.searchEngine(...)} takes.
 */
class LuceneArchitectureTest {
    static JavaClasses lucene;

    @BeforeAll
    static void importLucene() {
        lucene = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.savoir.kb.lucene");
    }

    @Test
    void mainSources_stayUnder700Lines() throws java.io.IOException {
        org.assertj.core.api.Assertions.assertThat(dev.savoir.kb.arch.ArchitectureRules.mainSourcesLongerThan(700))
                .as("main source files over 700 lines").isEmpty();
    }

    @Test
    void api_exposesNoSpiOrInternalTypes() {
        ArchitectureRules.apiExposesNoSpiOrInternalTypes().check(lucene);
    }

    @Test
    void lucene_neverDependsOnMarkdownNorOnCoreInternals() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.savoir.kb.markdown..",
                "dev.savoir.kb.internal..").check(lucene);
    }

    @Test
    void featurePackages_areFreeOfCycles() {
        slices().matching("dev.savoir.kb.lucene.internal.(*)..").should().beFreeOfCycles().check(lucene);
    }

    @Test
    void internals_neverUseTheFacade() {
        noClasses().that().resideInAPackage("dev.savoir.kb.lucene.internal..").should().dependOnClassesThat()
                .belongToAnyOf(KnowledgeBase.class).check(lucene);
    }

    @Test
    void publicApiTypes_carryTheirApiStatus() {
        classes().that().resideInAPackage("dev.savoir.kb.lucene").and().arePublic().and()
                .areTopLevelClasses()
                .and().doNotHaveSimpleName("package-info")
                .should().beAnnotatedWith(API.class).check(lucene);
    }
}
