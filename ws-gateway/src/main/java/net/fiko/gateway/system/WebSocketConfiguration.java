package net.fiko.gateway.system;

import net.fiko.gateway.auth.TokenHandshakeInterceptor;
import net.fiko.gateway.config.GatewayProperties;
import net.fiko.gateway.session.ChatWebSocketHandler;
import net.fiko.gateway.session.ConversationsWebSocketHandler;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.jetty.JettyRequestUpgradeStrategy;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/** The two endpoints of the seed document, with or without the trailing slash. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

    private final ConversationsWebSocketHandler conversations;
    private final ChatWebSocketHandler chat;
    private final GatewayProperties properties;

    WebSocketConfiguration(
            ConversationsWebSocketHandler conversations, ChatWebSocketHandler chat, GatewayProperties properties) {
        this.conversations = conversations;
        this.chat = chat;
        this.properties = properties;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        String[] origins = properties.allowedOrigins().toArray(String[]::new);
        DefaultHandshakeHandler handshakes = new DefaultHandshakeHandler(upgrades());
        registry.addHandler(conversations, "/ws/conversations", "/ws/conversations/")
                .setHandshakeHandler(handshakes)
                .addInterceptors(new TokenHandshakeInterceptor())
                .setAllowedOriginPatterns(origins);
        registry.addHandler(chat, "/ws/chat/*", "/ws/chat/*/")
                .setHandshakeHandler(handshakes)
                .addInterceptors(new TokenHandshakeInterceptor())
                .setAllowedOriginPatterns(origins);
    }

    /**
     * Jetty's own WebSocket API, which Spring uses on Jetty. Frames over the limit close the socket with 1009 (message
     * too big). Jetty grows a message's buffer as the message arrives, so the limit costs an idle socket nothing
     * (Tomcat allocates it up front, per socket: see docs/benchmarks.md, S1). How long a socket may stay idle is set
     * once it is open ({@code Keepalive}): set here, at the upgrade, Jetty replaces it with its connector's 30 s.
     */
    private JettyRequestUpgradeStrategy upgrades() {
        JettyRequestUpgradeStrategy upgrades = new JettyRequestUpgradeStrategy();
        upgrades.addWebSocketConfigurer(socket -> {
            socket.setMaxTextMessageSize(properties.maxFrameBytes());
            socket.setMaxBinaryMessageSize(properties.maxFrameBytes());
        });
        return upgrades;
    }
}
