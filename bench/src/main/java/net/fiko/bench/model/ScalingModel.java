package net.fiko.bench.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * What reading the event streams costs gateways as Fiko grows, from S6's measured costs (docs/scaling.md). Two
 * designs: today's, where every gateway reads every event; and tenant-affine gateway groups, where a balancer places
 * a tenant's sockets on one group of gateways and a second stream keyed by tenant lets each group read only its
 * tenants' events. The second design's imbalance comes from a simulation: tenants of very different sizes (a Zipf
 * distribution), each placed on a group by the hash of its id, a tenant too large for a group spread over several
 * groups that each read all of its events.
 *
 * @param quietCores a gateway's CPU with no traffic, in cores
 * @param microsPerRecord a gateway's CPU per record it reads and none of its sockets wants, over the quiet cost
 * @param recordsPerMessage records on the streams a gateway reads per message sent
 * @param bytesPerMessage bytes a gateway's consumers fetch per message sent
 */
public record ScalingModel(
        double quietCores, double microsPerRecord, double recordsPerMessage, double bytesPerMessage) {

    /**
     * One deployment: sockets, messages per second, gateways, and how many gateways a group has in the tenant-affine
     * design (a tenant's sockets spread over its group's gateways, so one gateway's loss is a fraction of the tenant).
     */
    public record Deployment(long sockets, double messagesPerSecond, int gateways, int groupSize) {}

    /**
     * The reading cost per gateway in one design: its CPU in cores (the quiet cost included), its network in MB/s,
     * as the mean and the most any gateway gets, and for all gateways together.
     */
    public record Cost(
            String design,
            Deployment deployment,
            double meanCores,
            double maxCores,
            double meanMegabytesPerSecond,
            double maxMegabytesPerSecond,
            double totalCores,
            double totalMegabytesPerSecond) {}

    /** Every gateway reads every event: the same for all of them. */
    public Cost everyGatewayReadsEverything(Deployment deployment) {
        double cores = quietCores + deployment.messagesPerSecond() * recordsPerMessage * microsPerRecord / 1e6;
        double megabytes = deployment.messagesPerSecond() * bytesPerMessage / 1e6;
        return new Cost(
                "every gateway reads every event",
                deployment,
                cores,
                cores,
                megabytes,
                megabytes,
                cores * deployment.gateways(),
                megabytes * deployment.gateways());
    }

    /**
     * Tenant-affine groups of {@code groupSize} gateways, each group reading its tenants' share of a stream keyed by
     * tenant. Simulated with {@code tenants} tenants whose sizes follow a Zipf distribution of exponent
     * {@code skew}; messages per tenant in proportion to its sockets.
     */
    public Cost tenantGroups(Deployment deployment, int tenants, double skew, long seed) {
        int groups = Math.max(1, deployment.gateways() / deployment.groupSize());
        double[] weights = new double[tenants];
        double sum = 0;
        for (int t = 0; t < tenants; t++) {
            weights[t] = 1 / Math.pow(t + 1, skew);
            sum += weights[t];
        }
        long capacity = deployment.sockets() / groups; // sockets a group is sized for, on average
        double[] groupMessages = new double[groups];
        Random random = new Random(seed);
        for (int t = 0; t < tenants; t++) {
            double share = weights[t] / sum;
            long sockets = Math.round(share * deployment.sockets());
            double messages = share * deployment.messagesPerSecond();
            // A tenant larger than a group gets as many groups as it fills; each reads all of the tenant's events,
            // since its agents' list sockets, wherever they are, want every one.
            int spread = (int) Math.max(1, Math.min(groups, (sockets + capacity - 1) / capacity));
            int first = random.nextInt(groups);
            for (int g = 0; g < spread; g++) {
                groupMessages[(first + g) % groups] += messages;
            }
        }
        double mean = Arrays.stream(groupMessages).average().orElse(0);
        double max = Arrays.stream(groupMessages).max().orElse(0);
        double total = Arrays.stream(groupMessages).sum() * deployment.gateways() / groups;
        return new Cost(
                "tenant-affine groups of " + deployment.groupSize() + " gateways, a stream keyed by tenant",
                deployment,
                quietCores + mean * recordsPerMessage * microsPerRecord / 1e6,
                quietCores + max * recordsPerMessage * microsPerRecord / 1e6,
                mean * bytesPerMessage / 1e6,
                max * bytesPerMessage / 1e6,
                quietCores * deployment.gateways() + total * recordsPerMessage * microsPerRecord / 1e6,
                total * bytesPerMessage / 1e6);
    }

    /** The rows docs/scaling.md shows: 1,000,000 sockets on 100 gateways, and smaller steps, at two loads. */
    public List<Cost> table() {
        List<Cost> rows = new ArrayList<>();
        for (long sockets : new long[] {10_000, 100_000, 1_000_000}) {
            int gateways = (int) Math.max(1, sockets / 10_000);
            // S2's busy shape: 0.2 messages per socket per second; and a tenth of it, a steadier day.
            for (double perSocket : new double[] {0.02, 0.2}) {
                Deployment deployment =
                        new Deployment(sockets, sockets * perSocket, gateways, Math.max(1, Math.min(4, gateways / 2)));
                rows.add(everyGatewayReadsEverything(deployment));
                if (gateways > 1) {
                    rows.add(tenantGroups(deployment, (int) Math.max(10, sockets / 100), 1.1, 18));
                }
            }
        }
        return rows;
    }
}
