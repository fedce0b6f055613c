package net.fiko.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The walls between Fiko's modules, as rules over packages: {@code net.fiko.events} is the contract,
 * {@code net.fiko.support} and {@code net.fiko.connector.kit} what services share, {@code net.fiko.gateway},
 * {@code net.fiko.message} and {@code net.fiko.connector.<platform>} the services, {@code net.fiko.local},
 * {@code net.fiko.bench} and {@code net.fiko.faults} what runs them.
 */
final class Walls {

    static final String CONTRACT = "net.fiko.events..";
    static final String GATEWAY = "net.fiko.gateway..";
    static final String MESSAGE_SERVICE = "net.fiko.message..";
    static final String TELEGRAM = "net.fiko.connector.telegram..";
    static final String INSTAGRAM = "net.fiko.connector.instagram..";
    static final String CONNECTOR_KIT = "net.fiko.connector.kit..";
    static final String SUPPORT = "net.fiko.support..";
    static final String[] SERVICES = {GATEWAY, MESSAGE_SERVICE, TELEGRAM, INSTAGRAM};

    private Walls() {}

    static final ArchRule CONTRACT_STANDS_ALONE = noClasses()
            .that()
            .resideInAPackage(CONTRACT)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework..", "net.fiko.support..", "net.fiko.connector..", GATEWAY, MESSAGE_SERVICE)
            .as("the contract imports no Spring and no service");

    static final ArchRule GATEWAY_IMPORTS_NO_OTHER_SERVICE = noClasses()
            .that()
            .resideInAPackage(GATEWAY)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(MESSAGE_SERVICE, "net.fiko.connector..")
            .as("the gateway imports no other service");

    static final ArchRule MESSAGE_SERVICE_IMPORTS_NO_GATEWAY_OR_CONNECTOR = noClasses()
            .that()
            .resideInAPackage(MESSAGE_SERVICE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(GATEWAY, "net.fiko.connector..")
            .as("message-service imports no gateway and no connector");

    static final ArchRule MESSAGE_SERVICE_WRITES_WITHOUT_ITS_QUERIES = noClasses()
            .that()
            .resideInAnyPackage(
                    "net.fiko.message.conversation..",
                    "net.fiko.message.intake..",
                    "net.fiko.message.outbox..",
                    "net.fiko.message.privacy..",
                    "net.fiko.message.unread..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("net.fiko.message.query..")
            .as("message-service's write side imports nothing from its read side");

    static final ArchRule TELEGRAM_IMPORTS_NO_OTHER_SERVICE = noClasses()
            .that()
            .resideInAPackage(TELEGRAM)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(INSTAGRAM, MESSAGE_SERVICE, GATEWAY)
            .as("connector-telegram imports neither the other connector nor another service");

    static final ArchRule INSTAGRAM_IMPORTS_NO_OTHER_SERVICE = noClasses()
            .that()
            .resideInAPackage(INSTAGRAM)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(TELEGRAM, MESSAGE_SERVICE, GATEWAY)
            .as("connector-instagram imports neither the other connector nor another service");

    static final ArchRule SHARED_CODE_IMPORTS_NO_SERVICE = noClasses()
            .that()
            .resideInAnyPackage(SUPPORT, CONNECTOR_KIT, "net.fiko.dev..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(SERVICES)
            .as("what services share imports no service");

    static final ArchRule ONLY_LOCAL_AND_BENCH_START_SERVICES = noClasses()
            .that()
            .resideOutsideOfPackages(
                    GATEWAY, MESSAGE_SERVICE, TELEGRAM, INSTAGRAM, "net.fiko.local..", "net.fiko.bench..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(SERVICES)
            .as("only the local mode and the bench start services (the fault suite runs their jars)");

    /**
     * Every package is a slice. The contract's root package ({@code Topics}, {@code EventJson}) lists every stream's
     * events, so it stands above its subpackages by design: what it imports from them is not counted.
     */
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("net.fiko.(**)")
            .should()
            .beFreeOfCycles()
            .ignoreDependency(resideInAPackage("net.fiko.events"), resideInAPackage("net.fiko.events.."))
            .as("no package cycles inside a module");

    static List<ArchRule> all() {
        return List.of(
                CONTRACT_STANDS_ALONE,
                GATEWAY_IMPORTS_NO_OTHER_SERVICE,
                MESSAGE_SERVICE_IMPORTS_NO_GATEWAY_OR_CONNECTOR,
                MESSAGE_SERVICE_WRITES_WITHOUT_ITS_QUERIES,
                TELEGRAM_IMPORTS_NO_OTHER_SERVICE,
                INSTAGRAM_IMPORTS_NO_OTHER_SERVICE,
                SHARED_CODE_IMPORTS_NO_SERVICE,
                ONLY_LOCAL_AND_BENCH_START_SERVICES,
                NO_PACKAGE_CYCLES);
    }
}
