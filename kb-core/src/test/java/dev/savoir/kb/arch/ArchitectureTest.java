package dev.savoir.kb.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.savoir.kb");
    }

    @Test
    void api_exposesNoSpiOrInternalTypes() {
        ArchitectureRules.apiExposesNoSpiOrInternalTypes().check(core);
    }

    @Test
    void spi_exposesNoInternalTypes() {
        ArchitectureRules.spiExposesNoInternalTypes().check(core);
    }

    @Test
    void core_neverImportsLuceneOrCommonMark() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.lucene..", "org.commonmark..",
                "org.owasp..").check(core);
    }

    @Test
    void spi_dependsOnNoInternalPackage() {
        noClasses().that().resideInAPackage("dev.savoir.kb.spi..").should().dependOnClassesThat()
                .resideInAPackage("dev.savoir.kb.internal..").check(core);
    }

    @Test
    void internalClasses_neverUseTheFacadeOrItsBuilder() {
        noClasses().that().resideInAPackage("dev.savoir.kb.internal..").should().dependOnClassesThat()
                .haveFullyQualifiedName("dev.savoir.kb.KnowledgeBase").orShould().dependOnClassesThat()
                .haveFullyQualifiedName("dev.savoir.kb.KnowledgeBaseBuilder").check(core);
    }

    @Test
    void mainSources_stayUnder700Lines_andTheFacadeUnder700() throws java.io.IOException {
        org.assertj.core.api.Assertions.assertThat(ArchitectureRules.mainSourcesLongerThan(700))
                .as("main source files over 700 lines").isEmpty();
    }

    @Test
    void core_logsThroughSlf4jOnly() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.util.logging..", "org.apache.log4j..",
                "org.apache.logging.log4j..", "ch.qos.logback..").check(core);
    }
}
