package net.fiko.faults;

import java.time.Duration;
import java.util.List;
import net.fiko.faults.parts.Service;

/**
 * One fault scenario: the stack it runs on, the load, what it does to the stack while the load runs, and which
 * outcomes it checks beyond the messages themselves (the platform's deliveries, the unread counts).
 */
record Scenario(
        String id,
        String title,
        Stack.Shape shape,
        Traffic.Load load,
        boolean checksPlatform,
        boolean checksUnread,
        Faults faults) {

    static final Stack.Shape ONE_BROKER = new Stack.Shape(1, 1);
    static final Stack.Shape ONE_BROKER_TWO_GATEWAYS = new Stack.Shape(1, 2);
    static final Stack.Shape THREE_BROKERS = new Stack.Shape(3, 1);
    /** 40 customers writing 10 messages a second in all, their agents answering 10 a second: one reply every 4 s in a
     * chat, well under Telegram's one a second per chat, which the connector keeps to. */
    static final Traffic.Load STEADY = new Traffic.Load(40, 2, 10, 10);

    static List<Scenario> all() {
        return List.of(
                new Scenario(
                        "T1a", "single broker, kill -9 ×10", ONE_BROKER, STEADY, true, false, (stack, traffic, t) -> {
                            for (int i = 1; i <= 10; i++) {
                                t.pause(Duration.ofSeconds(6));
                                t.say("kill -9 the broker (" + i + "/10)");
                                stack.kafka().kill(1);
                                t.pause(Duration.ofSeconds(3));
                                stack.kafka().restart(1);
                                t.say("broker back");
                            }
                            t.pause(Duration.ofSeconds(5));
                        }),
                new Scenario(
                        "T1b",
                        "three brokers (replication 3, min.insync.replicas 2), each killed in turn ×2",
                        THREE_BROKERS,
                        STEADY,
                        true,
                        false,
                        (stack, traffic, t) -> {
                            List<String> topics = List.of(
                                    "fiko.conversation.events",
                                    "fiko.inbound.messages",
                                    "fiko.gateway.commands",
                                    "fiko.outbound.telegram",
                                    "fiko.delivery.results");
                            for (int round = 1; round <= 2; round++) {
                                int controller = stack.kafka().controller();
                                for (int offset = 0; offset < 3; offset++) {
                                    int node = (controller - 1 + offset) % 3 + 1;
                                    t.pause(Duration.ofSeconds(8));
                                    boolean leads = stack.kafka().controller() == node;
                                    t.say("kill -9 node " + node + (leads ? " (the controller" : " (")
                                            + (leads ? ", " : "") + "leader of "
                                            + stack.kafka().leaderships(node, topics) + " partitions)");
                                    stack.kafka().kill(node);
                                    t.pause(Duration.ofSeconds(10));
                                    stack.kafka().restart(node);
                                    t.say("node " + node + " back");
                                }
                            }
                            t.pause(Duration.ofSeconds(5));
                        }),
                new Scenario(
                        "T2",
                        "message-service kill -9 ×3, PostgreSQL stopped (immediate) ×3 for 10–30 s",
                        ONE_BROKER,
                        STEADY,
                        true,
                        false,
                        (stack, traffic, t) -> {
                            t.killRepeatedly(stack.messageService(), 3, "message-service");
                            for (int i = 1; i <= 3; i++) {
                                t.pause(Duration.ofSeconds(8));
                                t.say("PostgreSQL stopped, immediate mode, for " + (10 * i) + " s");
                                stack.database().stopImmediately();
                                t.pause(Duration.ofSeconds(10L * i));
                                stack.database().start();
                                t.say("PostgreSQL back");
                            }
                            t.pause(Duration.ofSeconds(5));
                        }),
                new Scenario(
                        "T3",
                        "a gateway holding 1,000 sockets kill -9, clients resume on the other",
                        ONE_BROKER_TWO_GATEWAYS,
                        new Traffic.Load(100, 10, 50, 10),
                        false,
                        false,
                        (stack, traffic, t) -> {
                            t.pause(Duration.ofSeconds(10));
                            t.say("kill -9 ws-gateway-1 (" + traffic.sockets().size() + " sockets)");
                            stack.gateways().get(0).kill();
                            t.pause(Duration.ofSeconds(20));
                            stack.gateways().get(0).start();
                            t.say("ws-gateway-1 back");
                            t.pause(Duration.ofSeconds(10));
                        }),
                new Scenario(
                        "T4",
                        "the unread-count Streams application (in message-service) kill -9 ×5",
                        ONE_BROKER,
                        STEADY,
                        false,
                        true,
                        (stack, traffic, t) -> {
                            t.killRepeatedly(stack.messageService(), 5, "message-service and its Streams application");
                            t.pause(Duration.ofSeconds(5));
                        }),
                new Scenario(
                        "T5",
                        "connector-telegram kill -9 mid-send ×3, Bot API 500/429 for 30 s",
                        ONE_BROKER,
                        STEADY,
                        true,
                        false,
                        (stack, traffic, t) -> {
                            t.pause(Duration.ofSeconds(5));
                            t.say("Bot API answers 500 and 429 for 30 s");
                            stack.telegramApi().failFor(Duration.ofSeconds(30));
                            t.pause(Duration.ofSeconds(10));
                            for (int i = 1; i <= 3; i++) {
                                t.say("kill -9 connector-telegram (" + i + "/3)");
                                stack.telegram().kill();
                                t.pause(Duration.ofSeconds(1));
                                stack.telegram().start();
                                t.say("connector-telegram back");
                                t.pause(Duration.ofSeconds(8));
                            }
                            t.pause(Duration.ofSeconds(5));
                        }),
                new Scenario(
                        "T6",
                        "rolling restart (SIGTERM) of every service",
                        ONE_BROKER_TWO_GATEWAYS,
                        STEADY,
                        true,
                        true,
                        (stack, traffic, t) -> {
                            for (var service : stack.services()) {
                                t.pause(Duration.ofSeconds(8));
                                t.say("restart " + service.name());
                                service.stop();
                                service.start();
                                t.say(service.name() + " back");
                            }
                            t.pause(Duration.ofSeconds(5));
                        }));
    }

    /**
     * The short run inside ./mvnw verify: one fault of each kind on one stack, the three services killed together so
     * their restarts overlap, in about three minutes.
     */
    static Scenario quick() {
        return new Scenario(
                "T0",
                "one of each: broker, PostgreSQL 10 s, message-service + connector + gateway",
                ONE_BROKER_TWO_GATEWAYS,
                new Traffic.Load(10, 2, 2, 4),
                true,
                true,
                (stack, traffic, t) -> {
                    t.pause(Duration.ofSeconds(4));
                    t.say("kill -9 the broker");
                    stack.kafka().kill(1);
                    t.pause(Duration.ofSeconds(2));
                    stack.kafka().restart(1);
                    t.say("broker back");
                    t.pause(Duration.ofSeconds(4));
                    t.say("PostgreSQL stopped (immediate) for 10 s");
                    stack.database().stopImmediately();
                    t.pause(Duration.ofSeconds(10));
                    stack.database().start();
                    t.say("PostgreSQL back");
                    t.pause(Duration.ofSeconds(4));
                    t.say("kill -9 message-service, connector-telegram and ws-gateway-1");
                    var victims = List.of(
                            stack.messageService(),
                            stack.telegram(),
                            stack.gateways().get(0));
                    victims.forEach(Service::kill);
                    victims.parallelStream().forEach(Timeline::restart);
                    t.say("all three back");
                    t.pause(Duration.ofSeconds(4));
                });
    }
}
