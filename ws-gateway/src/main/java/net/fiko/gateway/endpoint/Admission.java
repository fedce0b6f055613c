package net.fiko.gateway.endpoint;

import net.fiko.gateway.auth.TokenExpiry;
import net.fiko.gateway.config.GatewayMeters;
import net.fiko.gateway.config.GatewayProperties;
import net.fiko.gateway.hub.GatewayDrain;
import net.fiko.gateway.hub.SessionRegistry;
import net.fiko.gateway.hub.SocketLimits;
import net.fiko.gateway.transport.JettySockets;
import net.fiko.support.auth.TokenVerifier;
import org.springframework.stereotype.Component;

/**
 * What both endpoints admit and keep a socket with: its token checked and watched until it expires, the limits it must
 * stay under, the registry it is in while open, its Jetty socket and the gateway's settings.
 */
@Component
record Admission(
        TokenVerifier verifier,
        SessionRegistry registry,
        TokenExpiry expiry,
        JettySockets sockets,
        SocketLimits limits,
        GatewayProperties properties,
        GatewayMeters meters,
        GatewayDrain drain) {}
