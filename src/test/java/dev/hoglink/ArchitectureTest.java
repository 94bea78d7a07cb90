package dev.hoglink;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Layer rules of STYLE.md: the core never touches JavaFX or the UI; the UI reaches PostHog only through the
 * services; the sandbox never uses the client it stands in for; view models never see a node or a window;
 * and no arrow runs back up: app → ui/cli → service → api → util, with model and util below everything.
 */
@AnalyzeClasses(packages = "dev.hoglink", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreLayersDoNotDependOnJavaFxOrTheUi = noClasses()
            .that().resideInAnyPackage("dev.hoglink.api..", "dev.hoglink.model..", "dev.hoglink.service..",
                    "dev.hoglink.sandbox..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.hoglink.ui..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule uiNeverTouchesTheApiClient = noClasses()
            .that().resideInAPackage("dev.hoglink.ui..")
            .should().dependOnClassesThat().resideInAPackage("dev.hoglink.api..")
            .because("the UI works through the services of its Session; the client and the key stay below them")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule sandboxStaysIndependentOfTheApiClient = noClasses()
            .that().resideInAPackage("dev.hoglink.sandbox..")
            .should().dependOnClassesThat().resideInAPackage("dev.hoglink.api..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule viewModelsNeverSeeANode = noClasses()
            .that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
            .allowEmptyShould(true);

    /** Each layer is used only by the layers above it: no arrow runs back up. */
    @ArchTest
    static final ArchRule noArrowRunsBackUp = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("App").definedBy("dev.hoglink")
            .layer("Ui").definedBy("dev.hoglink.ui..")
            .layer("Cli").definedBy("dev.hoglink.cli..")
            .layer("Service").definedBy("dev.hoglink.service..")
            .layer("Api").definedBy("dev.hoglink.api..")
            .layer("Sandbox").definedBy("dev.hoglink.sandbox..")
            .layer("Model").definedBy("dev.hoglink.model..")
            .layer("Util").definedBy("dev.hoglink.util..")
            .whereLayer("App").mayNotBeAccessedByAnyLayer()
            .whereLayer("Ui").mayOnlyBeAccessedByLayers("App")
            .whereLayer("Cli").mayOnlyBeAccessedByLayers("App")
            .whereLayer("Service").mayOnlyBeAccessedByLayers("App", "Ui", "Cli")
            .whereLayer("Api").mayOnlyBeAccessedByLayers("App", "Cli", "Service")
            .whereLayer("Sandbox").mayOnlyBeAccessedByLayers("App", "Cli")
            .whereLayer("Model").mayOnlyBeAccessedByLayers("App", "Ui", "Cli", "Service")
            .whereLayer("Util").mayOnlyBeAccessedByLayers("App", "Ui", "Cli", "Service", "Api", "Sandbox");

    /** The service packages by feature depend on each other one way only, and on the shared top package. */
    @ArchTest
    static final ArchRule serviceFeaturePackagesHaveNoCycles = slices()
            .matching("dev.hoglink.service.(*)..").should().beFreeOfCycles();

    /** The shared top of service/ (ServiceException, PostHogHost, ProjectLoader) knows no feature package. */
    @ArchTest
    static final ArchRule sharedServicesKnowNoFeature = noClasses()
            .that().resideInAPackage("dev.hoglink.service")
            .should().dependOnClassesThat().resideInAnyPackage("dev.hoglink.service.*..")
            .allowEmptyShould(true);

    /** The UI packages (main window, inventory, features, common) depend on each other one way only. */
    @ArchTest
    static final ArchRule uiPackagesHaveNoCycles = slices()
            .matching("dev.hoglink.ui.(*)..").should().beFreeOfCycles();

    /** Feature windows open through DialogService.openWindow only, which sets owner, CSS, place and Escape once. */
    @ArchTest
    static final ArchRule onlyTheDialogServiceMakesWindows = noClasses()
            .that().resideInAPackage("dev.hoglink.ui..").and().doNotHaveFullyQualifiedName(
                    "dev.hoglink.ui.common.FxDialogService")
            .should().callConstructor(javafx.stage.Stage.class)
            .because("every feature window opens through DialogService.openWindow")
            .allowEmptyShould(true);

    /** One theme for the app, made by the composition root; no window makes its own. */
    @ArchTest
    static final ArchRule onlyTheCompositionRootMakesTheThemeManager = noClasses()
            .that().resideOutsideOfPackage("dev.hoglink")
            .should().callConstructor(dev.hoglink.ui.theme.ThemeManager.class, java.util.function.Consumer.class)
            .allowEmptyShould(true);

    /** Layers below the model: the model is plain records, so it depends on no other layer of the app. */
    @ArchTest
    static final ArchRule modelDependsOnNothingElseOfTheApp = noClasses()
            .that().resideInAPackage("dev.hoglink.model..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.hoglink.api..", "dev.hoglink.service..",
                    "dev.hoglink.ui..", "dev.hoglink.cli..", "dev.hoglink.sandbox..", "dev.hoglink.util..")
            .allowEmptyShould(true);
}
