package net.fiko.bench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScalingModelTest {

    // 0.05 cores idle, 10 µs a record, 2 records and 3,000 bytes a message.
    private final ScalingModel model = new ScalingModel(0.05, 10, 2, 3000);

    @Test
    void shouldMakeEveryGatewayPayForEveryMessageWhenEachReadsEverything() {
        var cost = model.everyGatewayReadsEverything(new ScalingModel.Deployment(1_000_000, 20_000, 100, 4));

        // 20,000 messages × 2 records × 10 µs = 0.4 cores, plus 0.05 idle; 20,000 × 3,000 bytes = 60 MB/s.
        assertThat(cost.meanCores()).isCloseTo(0.45, within(1e-9));
        assertThat(cost.maxCores()).isEqualTo(cost.meanCores());
        assertThat(cost.meanMegabytesPerSecond()).isCloseTo(60, within(1e-9));
        assertThat(cost.totalCores()).isCloseTo(45, within(1e-9));
        assertThat(cost.totalMegabytesPerSecond()).isCloseTo(6000, within(1e-6));
    }

    @Test
    void shouldGiveEachGroupItsShareWhenTenantsAreAlike() {
        // 10,000 tenants of one size (no skew) over 25 groups of 4: each group about 1/25 of the messages.
        var cost = model.tenantGroups(new ScalingModel.Deployment(1_000_000, 20_000, 100, 4), 10_000, 0, 1);

        assertThat(cost.meanMegabytesPerSecond()).isCloseTo(60.0 / 25, within(1e-6));
        assertThat(cost.maxMegabytesPerSecond()).isBetween(60.0 / 25, 60.0 / 25 * 1.5);
        assertThat(cost.totalMegabytesPerSecond()).isCloseTo(60.0 / 25 * 100, within(1e-3));
    }

    @Test
    void shouldMakeEveryGroupReadATenantTooLargeForAnyOneGroup() {
        // One tenant with every socket: spread over all 25 groups, each reads all of its events, as today.
        var cost = model.tenantGroups(new ScalingModel.Deployment(1_000_000, 20_000, 100, 4), 1, 1.1, 1);

        assertThat(cost.meanMegabytesPerSecond()).isCloseTo(60, within(1e-6));
        assertThat(cost.maxCores()).isCloseTo(0.45, within(1e-9));
    }

    @Test
    void shouldBuildTheTableFromOneGatewayToAHundred() {
        assertThat(model.table())
                .extracting(cost -> cost.deployment().gateways())
                .containsExactly(1, 1, 10, 10, 10, 10, 100, 100, 100, 100);
    }
}
