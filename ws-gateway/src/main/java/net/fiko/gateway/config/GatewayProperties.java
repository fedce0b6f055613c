package net.fiko.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the gateway ({@code fiko.gateway.*}).
 *
 * @param instanceId this instance's id: its own consumer group on the event stream, and the address answers to its
 *     queries come back to; random per start unless set
 * @param allowedOrigins browser origins allowed to open sockets (patterns such as {@code https://*.fiko.net});
 *     clients that send no Origin (non-browser) are allowed
 * @param maxFrameBytes the largest frame a client may send; a larger one closes the socket with 1009
 * @param sendBufferBytes how much may wait to be sent to one socket before it is cut off as too slow
 * @param sendTimeLimit how long one write to a socket may take, while more waits behind it, before the socket is cut
 *     off as too slow
 * @param framesPerSecond frames a socket may send per second, on average
 * @param frameBurst frames a socket may send at once; past it frames are refused, and a socket that goes on sending
 *     as many again is closed with 1013
 * @param typingTtl how long a typing state lasts without a refresh
 * @param presenceTtl how long an announcement that a user is in a chat lasts; each instance renews those of its users
 *     every third of it, so the users of an instance that died show offline elsewhere within it
 * @param queryTimeout how long the gateway waits for message-service to answer a list or history query
 * @param deliveryWait how long an agent's reply to a Telegram or Instagram customer waits for the platform's answer
 *     before {@code chat_message} goes out with {@code "status": "pending"}
 * @param pingInterval how often every socket is pinged, so proxies that cut idle connections (often after 60 s) keep
 *     it and a peer that is gone is noticed; zero turns pings off
 * @param maxSocketsPerUser sockets one user may hold open on this instance; one more is refused with 1013
 * @param maxSocketsPerTenant sockets one tenant's users may hold open on this instance together
 * @param handshakesPerSecondPerAddress sockets one client address may open per second, on average (behind a proxy, set
 *     {@code server.forward-headers-strategy} so the client's own address is used)
 * @param handshakeBurstPerAddress sockets one client address may open at once
 * @param releaseHandshake whether an open socket lets go of its handshake's HTTP exchange, which Jetty keeps for the
 *     socket's life (about 2 KB a socket); done by reflection into Jetty's internals, so it can be turned off should a
 *     Jetty upgrade change them (it also turns itself off, with a log line, when they are not as expected)
 * @param acceptQueue connections that may wait to be accepted (the listen backlog; the kernel caps it at
 *     {@code net.core.somaxconn}): a reconnect storm past it has its SYNs dropped, and each client waits seconds to
 *     try again
 * @param idleTimeout a socket on which nothing moves either way for this long is closed (1001); the pings move, so
 *     a live socket never reaches it, while a send to a client that stopped reading stalls at most this long
 * @param drainTime how long a stopping instance spreads the closing of its sockets over (close 1012, "Service
 *     restart"), so their clients reconnect to the other instances a few at a time rather than all at once; zero
 *     closes them all at once
 */
@ConfigurationProperties("fiko.gateway")
public record GatewayProperties(
        String instanceId,
        List<String> allowedOrigins,
        Integer maxFrameBytes,
        Integer sendBufferBytes,
        Duration sendTimeLimit,
        Integer framesPerSecond,
        Integer frameBurst,
        Duration typingTtl,
        Duration queryTimeout,
        Duration deliveryWait,
        Duration pingInterval,
        Duration idleTimeout,
        Integer maxSocketsPerUser,
        Integer maxSocketsPerTenant,
        Integer handshakesPerSecondPerAddress,
        Integer handshakeBurstPerAddress,
        Duration presenceTtl,
        Boolean releaseHandshake,
        Integer acceptQueue,
        Duration drainTime) {

    public GatewayProperties {
        instanceId = instanceId == null || instanceId.isBlank()
                ? "gw-" + UUID.randomUUID().toString().substring(0, 8)
                : instanceId;
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        maxFrameBytes = maxFrameBytes == null ? 64 * 1024 : maxFrameBytes;
        sendBufferBytes = sendBufferBytes == null ? 512 * 1024 : sendBufferBytes;
        sendTimeLimit = sendTimeLimit == null ? Duration.ofSeconds(10) : sendTimeLimit;
        framesPerSecond = framesPerSecond == null ? 10 : framesPerSecond;
        frameBurst = frameBurst == null ? 30 : frameBurst;
        typingTtl = typingTtl == null ? Duration.ofSeconds(10) : typingTtl;
        queryTimeout = queryTimeout == null ? Duration.ofSeconds(10) : queryTimeout;
        deliveryWait = deliveryWait == null ? Duration.ofSeconds(5) : deliveryWait;
        pingInterval = pingInterval == null ? Duration.ofSeconds(30) : pingInterval;
        idleTimeout = idleTimeout == null ? Duration.ofMinutes(2) : idleTimeout;
        maxSocketsPerUser = maxSocketsPerUser == null ? 20 : maxSocketsPerUser;
        maxSocketsPerTenant = maxSocketsPerTenant == null ? 5_000 : maxSocketsPerTenant;
        handshakesPerSecondPerAddress = handshakesPerSecondPerAddress == null ? 50 : handshakesPerSecondPerAddress;
        handshakeBurstPerAddress = handshakeBurstPerAddress == null ? 200 : handshakeBurstPerAddress;
        presenceTtl = presenceTtl == null ? Duration.ofSeconds(60) : presenceTtl;
        releaseHandshake = releaseHandshake == null || releaseHandshake;
        acceptQueue = acceptQueue == null ? 4096 : acceptQueue;
        drainTime = drainTime == null ? Duration.ofSeconds(10) : drainTime;
    }
}
