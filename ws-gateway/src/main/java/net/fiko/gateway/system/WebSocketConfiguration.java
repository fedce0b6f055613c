package net.fiko.gateway.system;

import net.fiko.gateway.auth.TokenHandshakeInterceptor;
import net.fiko.gateway.session.ChatWebSocketHandler;
import net.fiko.gateway.session.ConversationsWebSocketHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

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
        registry.addHandler(conversations, "/ws/conversations", "/ws/conversations/")
                .addInterceptors(new TokenHandshakeInterceptor())
                .setAllowedOriginPatterns(origins);
        registry.addHandler(chat, "/ws/chat/*", "/ws/chat/*/")
                .addInterceptors(new TokenHandshakeInterceptor())
                .setAllowedOriginPatterns(origins);
    }

    /**
     * Frames over the limit close the socket with 1009 (message too big). Jetty allocates a message's buffer as the
     * message arrives, so the limit costs an idle socket nothing (Tomcat allocates it up front, per socket: see
     * docs/benchmarks.md, S1). An idle socket stays open, as agents' list sockets are idle most of the day; Jetty's
     * own default would close it after 30 s.
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        var container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(properties.maxFrameBytes());
        container.setMaxBinaryMessageBufferSize(properties.maxFrameBytes());
        container.setMaxSessionIdleTimeout(0L);
        return container;
    }
}
