package dev.tally.app;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * DESIGN.md's dependency rules, checked on the compiled modules: read models, the query side and integrations never
 * reach into the domain; the query side never loads an aggregate; messages stay plain; nothing depends on the app.
 */
@AnalyzeClasses(packages = "dev.tally", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String DOMAIN = "dev.tally.domain..";

    @ArchTest
    static final ArchRule projectionsUseOnlyTheApi = noClasses()
            .that().resideInAPackage("dev.tally.projections..")
            .should().dependOnClassesThat().resideInAPackage(DOMAIN);

    @ArchTest
    static final ArchRule querySideUsesOnlyTheApi = noClasses()
            .that().resideInAPackage("dev.tally.query..")
            .should().dependOnClassesThat().resideInAPackage(DOMAIN);

    @ArchTest
    static final ArchRule querySideNeverLoadsAnAggregate = noClasses()
            .that().resideInAPackage("dev.tally.query..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.axonframework.modelling..", "org.axonframework.commandhandling..");

    @ArchTest
    static final ArchRule integrationsReachTheDomainOnlyByCommands = noClasses()
            .that().resideInAPackage("dev.tally.integrations..")
            .should().dependOnClassesThat().resideInAPackage(DOMAIN)
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule messagesArePlainRecords = noClasses()
            .that().resideInAPackage("dev.tally.api..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta..", "org.jooq..");

    @ArchTest
    static final ArchRule nothingDependsOnTheApp = noClasses()
            .that().resideOutsideOfPackage("dev.tally.app..")
            .should().dependOnClassesThat().resideInAPackage("dev.tally.app..");

    @ArchTest
    static final ArchRule domainIgnoresReadModels = noClasses()
            .that().resideInAPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage("dev.tally.projections..", "dev.tally.query..",
                    "dev.tally.schema..", "org.jooq..");
}
