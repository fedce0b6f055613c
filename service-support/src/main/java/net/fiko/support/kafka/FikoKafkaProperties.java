package net.fiko.support.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the contract's topics are created ({@code fiko.kafka.*}).
 *
 * @param partitions partitions of every topic; 0 keeps each topic's own count from the contract
 * @param replicationFactor replicas of every topic: 1 on one broker, 3 in production
 * @param healthTimeoutMs how long the readiness check waits for the cluster to answer
 */
@ConfigurationProperties("fiko.kafka")
public record FikoKafkaProperties(Integer partitions, Short replicationFactor, Integer healthTimeoutMs) {

    public FikoKafkaProperties {
        partitions = partitions == null ? 0 : partitions;
        replicationFactor = replicationFactor == null ? 1 : replicationFactor;
        healthTimeoutMs = healthTimeoutMs == null ? 3000 : healthTimeoutMs;
    }
}
