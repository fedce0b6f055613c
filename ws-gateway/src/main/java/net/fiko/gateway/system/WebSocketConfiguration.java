package net.fiko.gateway.system;

import net.fiko.gateway.auth.TokenHandshakeInterceptor;
import net.fiko.gateway.config.GatewayProperties;
import net.fiko.gateway.endpoint.ChatWebSocketHandler;
import net.fiko.gateway.endpoint.ConversationsWebSocketHandler;
import net.fiko.gateway.transport.JettySockets;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.ServletWebSocketHandlerRegistry;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/** The two endpoints of the seed document, with or without the trailing slash. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

    private final ConversationsWebSocketHandler conversations;
    private final ChatWebSocketHandler chat;
    private final GatewayProperties properties;
    private final JettySockets sockets;

    WebSocketConfiguration(
            ConversationsWebSocketHandler conversations,
            ChatWebSocketHandler chat,
            GatewayProperties properties,
            JettySockets sockets) {
        this.conversations = conversations;
        this.chat = chat;
        this.properties = properties;
        this.sockets = sockets;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        if (registry instanceof ServletWebSocketHandlerRegistry servlet) {
            // Asked first, before the controllers' and the actuator's mappings: every socket's handshake is a request,
            // and at thousands a second the mappings each handshake was first matched against cost 5% of it.
            servlet.setOrder(Ordered.HIGHEST_PRECEDENCE);
        }
        String[] origins = properties.allowedOrigins().toArray(String[]::new);
        DefaultHandshakeHandler handshakes = new DefaultHandshakeHandler(sockets.upgrades());
        registry.addHandler(conversations, "/ws/conversations", "/ws/conversations/")
                .setHandshakeHandler(handshakes)
                .addInterceptors(new TokenHandshakeInterceptor())
                .setAllowedOriginPatterns(origins);
        registry.addHandler(chat, "/ws/chat/*", "/ws/chat/*/")
                .setHandshakeHandler(handshakes)
                .addInterceptors(new TokenHandshakeInterceptor())
                .setAllowedOriginPatterns(origins);
    }
}
