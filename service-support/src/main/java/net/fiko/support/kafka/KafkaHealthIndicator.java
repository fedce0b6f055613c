package net.fiko.support.kafka;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** Up while the Kafka cluster answers within the timeout; part of every service's readiness. */
class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

    private final Admin admin;
    private final int timeoutMs;

    KafkaHealthIndicator(Admin admin, int timeoutMs) {
        super("Kafka health check failed");
        this.admin = admin;
        this.timeoutMs = timeoutMs;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs));
        Collection<Node> nodes = cluster.nodes().get(timeoutMs, TimeUnit.MILLISECONDS);
        builder.up()
                .withDetail("clusterId", cluster.clusterId().get(timeoutMs, TimeUnit.MILLISECONDS))
                .withDetail("brokers", nodes.size());
    }

    @Override
    public void destroy() {
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
