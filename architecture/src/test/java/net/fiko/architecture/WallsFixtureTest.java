package net.fiko.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The walls catch what breaks them: each rule of {@link Walls}, held to classes in this module's tests written to
 * break it ({@code net.fiko.*.wallsfixture}), fails and names the class.
 */
class WallsFixtureTest {

    @Test
    void shouldCatchSpringInTheContract() {
        assertBroken(Walls.CONTRACT_STANDS_ALONE, "net.fiko.events.wallsfixture", "SpringInTheContract");
    }

    @Test
    void shouldCatchAConnectorUsingTheOther() {
        assertBroken(
                Walls.TELEGRAM_IMPORTS_NO_OTHER_SERVICE,
                "net.fiko.connector.telegram.wallsfixture",
                "TelegramReachingIntoInstagram");
    }

    @Test
    void shouldCatchTheGatewayUsingMessageService() {
        assertBroken(
                Walls.GATEWAY_IMPORTS_NO_OTHER_SERVICE,
                "net.fiko.gateway.wallsfixture",
                "GatewayReachingIntoMessageService");
    }

    @Test
    void shouldCatchAPackageCycle() {
        assertBroken(Walls.NO_PACKAGE_CYCLES, "net.fiko.gateway.wallsfixture", "wallsfixture.a.Ping");
    }

    @Test
    void shouldCatchAServiceStartedOutsideTheLocalModeAndTheBench() {
        assertBroken(
                Walls.ONLY_LOCAL_AND_BENCH_START_SERVICES, "net.fiko.faults.wallsfixture", "StartsAGatewayInProcess");
    }

    private static void assertBroken(ArchRule wall, String fixturePackage, String offender) {
        JavaClasses fixture = new ClassFileImporter().importPackages(fixturePackage);
        assertThatThrownBy(() -> wall.check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(offender);
    }
}
