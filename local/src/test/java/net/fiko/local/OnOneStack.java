package net.fiko.local;

import java.util.Map;
import net.fiko.testsupport.ServerKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A test class whose tests share one running stack (message-service and one gateway on the shared servers), started
 * before the first test and closed after the last; each test keeps to tenants of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OnOneStack {

    RunningStack stack;

    @BeforeAll
    void startStack() {
        stack = new RunningStack(ServerKind.EMBEDDED, 1, Map.of());
    }

    @AfterAll
    void closeStack() {
        stack.close();
    }
}
