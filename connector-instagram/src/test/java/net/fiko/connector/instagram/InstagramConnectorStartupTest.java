package net.fiko.connector.instagram;

import net.fiko.testsupport.ReadinessTestBase;
import org.springframework.boot.test.context.SpringBootTest;

/** The connector starts on a real broker and reports itself ready only while Kafka answers. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=connector-instagram")
class InstagramConnectorStartupTest extends ReadinessTestBase {}
