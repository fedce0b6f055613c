package net.fiko.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.imageio.ImageIO;
import net.fiko.testsupport.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.pagefactory.ByChained;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The agent console and the customer simulator of the local mode, in headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, which {@code .ci/run} installs) against the whole local mode: a customer writes through
 * the Telegram connector's webhook, an agent answers from the console built on the seed document's classes, the
 * platform stand-in receives the reply, and a gateway restart in the middle loses nothing. Screenshots of both pages
 * are kept in {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleInBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    LocalSystem system;
    LocalSettings settings;
    WebDriver browser;
    String console;
    String simulator;
    String colleague;

    @BeforeAll
    void start() throws Exception {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("the browser tests need Debian's chromium and chromium-driver (apt-get install chromium"
                        + " chromium-driver; .ci/run installs them)")
                .isTrue();
        Path data = Files.createTempDirectory("fiko-console-test");
        settings = new LocalSettings(
                data,
                FreePorts.one(),
                FreePorts.one(),
                FreePorts.one(),
                FreePorts.one(),
                FreePorts.one(),
                FreePorts.one(),
                FreePorts.one(),
                FreePorts.one(),
                LocalSettings.DEVELOPMENT_JWT_SECRET,
                false,
                true,
                true);
        system = new LocalSystem();
        system.start(settings);
        String pages = "http://localhost:" + settings.demoPort();
        console = pages + "/console/";
        colleague = pages + "/console/?agent=2&name=Sara";
        simulator = pages + "/simulator/";

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-background-timer-throttling",
                "--disable-renderer-backgrounding",
                "--window-size=1280,860",
                "--user-data-dir=" + Files.createTempDirectory("fiko-chromium"));
        browser = new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .build(),
                options);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aCustomersChatShouldGoFromTheSimulatorToTheConsoleAndBackAndSurviveAGatewayRestart() throws Exception {
        String customer = "Ana " + UUID.randomUUID().toString().substring(0, 6);
        browser.get(console);
        String agentTab = browser.getWindowHandle();
        await(ExpectedConditions.textToBe(By.id("connection-status"), "Online"));

        String simulatorTab = openTab(simulator);
        new Select(browser.findElement(By.id("platform"))).selectByValue("telegram");
        customerWrites(customer, "Where is my parcel?");

        // The conversation appears in the agent's list with one unread message.
        browser.switchTo().window(agentTab);
        By entry = By.xpath(
                "//li[@data-testid='conversation'][.//span[@class='title' and contains(., '" + customer + "')]]");
        await(ExpectedConditions.textToBe(new ByChained(entry, By.className("unread")), "1"));
        await(ExpectedConditions.elementToBeClickable(entry)).click();
        awaitMessage("Where is my parcel?");
        await(driver -> driver.findElements(new ByChained(entry, By.className("unread")))
                .isEmpty());

        // A colleague opens the same chat: presence, then typing.
        String colleagueTab = openTab(colleague);
        await(ExpectedConditions.elementToBeClickable(entry)).click();
        awaitMessage("Where is my parcel?");
        browser.switchTo().window(agentTab);
        await(ExpectedConditions.textToBePresentInElementLocated(By.id("presence"), "Sara"));
        browser.switchTo().window(colleagueTab);
        browser.findElement(By.id("message-input")).sendKeys("Let me");
        browser.switchTo().window(agentTab);
        await(ExpectedConditions.textToBePresentInElementLocated(By.id("typing-indicator"), "Sara is typing..."));

        // The agent answers; the platform receives it and the console shows it delivered.
        browser.findElement(By.id("message-input")).sendKeys("Your parcel ships today.");
        browser.findElement(By.id("send-button")).click();
        awaitMessage("Your parcel ships today.");
        awaitDelivery("Your parcel ships today.", "✓ sent");
        browser.switchTo().window(simulatorTab);
        await(ExpectedConditions.textToBePresentInElementLocated(chatOf(customer), "Your parcel ships today."));
        awaitReplies(customer, "Your parcel ships today.");

        // The agent resolves it; the customer writes again and it reopens.
        browser.switchTo().window(agentTab);
        browser.findElement(By.id("resolve-button")).click();
        await(ExpectedConditions.textToBe(By.id("chat-status"), "resolved"));
        browser.switchTo().window(simulatorTab);
        customerWrites(customer, "One more thing: can I change the address?");
        browser.switchTo().window(agentTab);
        awaitMessage("One more thing: can I change the address?");
        await(ExpectedConditions.textToBe(By.id("chat-status"), "active"));

        // Markup from a customer is text.
        browser.switchTo().window(simulatorTab);
        customerWrites(customer, "<img src=x onerror=alert(1)>");
        browser.switchTo().window(agentTab);
        WebElement markup = awaitMessage("<img src=x onerror=alert(1)>");
        assertThat(markup.findElements(By.tagName("img"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#message-items img"))).isEmpty();
        assertNoAlert();
        screenshot("console.png");

        // The gateway restarts mid-chat; a message written meanwhile comes back with the resume, nothing twice.
        system.restart("ws-gateway");
        browser.switchTo().window(simulatorTab);
        customerWrites(customer, "Written while the gateway restarted");
        screenshot("simulator.png");
        browser.switchTo().window(agentTab);
        awaitMessage("Written while the gateway restarted");
        await(ExpectedConditions.textToBe(By.id("chat-connection"), "Chat connected"));
        await(ExpectedConditions.textToBe(By.id("connection-status"), "Online"));
        List<List<String>> shown = shownMessages();
        Set<String> ids = new HashSet<>();
        shown.forEach(message ->
                assertThat(ids.add(message.get(0))).as("each message once").isTrue());
        assertThat(shown)
                .extracting(message -> message.get(1))
                .containsExactly(
                        "Where is my parcel?",
                        "Your parcel ships today.",
                        "One more thing: can I change the address?",
                        "<img src=x onerror=alert(1)>",
                        "Written while the gateway restarted");
        assertNoAlert();
    }

    @Test
    void anAgentShouldSendAPhotoFromTheConsoleAndSeeItShownAndTheCustomerGetIt() throws Exception {
        String customer = "Lea " + UUID.randomUUID().toString().substring(0, 6);
        browser.get(console);
        String agentTab = browser.getWindowHandle();
        await(ExpectedConditions.textToBe(By.id("connection-status"), "Online"));
        String simulatorTab = openTab(simulator);
        new Select(browser.findElement(By.id("platform"))).selectByValue("telegram");
        customerWrites(customer, "Can you send me a picture of it?");
        browser.switchTo().window(agentTab);
        By entry = By.xpath(
                "//li[@data-testid='conversation'][.//span[@class='title' and contains(., '" + customer + "')]]");
        await(ExpectedConditions.elementToBeClickable(entry)).click();
        awaitMessage("Can you send me a picture of it?");

        Path photo = Files.createTempDirectory("fiko-upload").resolve("box.png");
        BufferedImage image = new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 2, 0xFF0000);
        ImageIO.write(image, "png", photo.toFile());
        browser.findElement(By.id("message-input")).sendKeys("Here it is");
        browser.findElement(By.id("attach-input")).sendKeys(photo.toString());

        awaitMessage("Here it is");
        awaitDelivery("Here it is", "✓ sent");
        By shown = new ByChained(message("Here it is"), By.cssSelector(".attachment.photo img"));
        await(driver -> Long.valueOf(8)
                .equals(((JavascriptExecutor) driver)
                        .executeScript(
                                "return arguments[0].complete ? arguments[0].naturalWidth : 0;",
                                driver.findElement(shown))));
        browser.switchTo().window(simulatorTab);
        await(ExpectedConditions.textToBePresentInElementLocated(chatOf(customer), "box.png Here it is"));
        browser.switchTo().window(agentTab);
        assertNoAlert();
    }

    @Test
    void anInstagramCustomerShouldGetTheReplyAndAFailedOneShouldSayWhy() {
        String customer = "Mina " + UUID.randomUUID().toString().substring(0, 6);
        browser.get(simulator);
        String simulatorTab = browser.getWindowHandle();
        new Select(browser.findElement(By.id("platform"))).selectByValue("instagram");
        customerWrites(customer, "Salam! Is the jacket in stock?");

        String agentTab = openTab(console);
        By entry = By.xpath("//li[@data-testid='conversation'][.//span[@class='title' and contains(., 'instagram - "
                + customer + "')]]");
        await(ExpectedConditions.elementToBeClickable(entry)).click();
        awaitMessage("Salam! Is the jacket in stock?");
        browser.findElement(By.id("message-input")).sendKeys("Yes, in every size.");
        browser.findElement(By.id("send-button")).click();
        awaitMessage("Yes, in every size.");
        awaitDelivery("Yes, in every size.", "✓ sent");
        browser.switchTo().window(simulatorTab);
        await(ExpectedConditions.textToBePresentInElementLocated(chatOf(customer), "Yes, in every size."));

        // The customer blocks the business: the next reply fails, and the console says why.
        await(driver -> {
            driver.findElement(new ByChained(chatOf(customer), By.tagName("button")))
                    .click();
            return true;
        });
        await(ExpectedConditions.textToBePresentInElementLocated(chatOf(customer), "Unblock the business"));
        browser.switchTo().window(agentTab);
        browser.findElement(By.id("message-input")).sendKeys("Anything else?");
        browser.findElement(By.id("send-button")).click();
        awaitMessage("Anything else?");
        awaitDelivery("Anything else?", "✗ failed: This person isn't available right now");
        browser.switchTo().window(simulatorTab);
        awaitReplies(customer, "Yes, in every size.");
    }

    @Test
    void anAgentShouldPageBackTakeTheConversationAndFilterTheList() throws Exception {
        String customer = "Lea " + UUID.randomUUID().toString().substring(0, 6);
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (int i = 1; i <= 55; i++) {
            // The simulator page's own endpoint, faster than typing 55 messages.
            var answer = http.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(simulator + "api/telegram/messages"))
                            .header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                    "{\"name\":\"" + customer + "\",\"text\":\"Line " + i + "\"}"))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        }
        browser.get(console);
        By entry = By.xpath(
                "//li[@data-testid='conversation'][.//span[@class='title' and contains(., '" + customer + "')]]");
        await(ExpectedConditions.textToBe(new ByChained(entry, By.className("unread")), "55"));
        browser.findElement(entry).click();
        awaitMessage("Line 55");
        assertThat(shownMessages()).hasSize(50);
        await(ExpectedConditions.elementToBeClickable(By.id("load-older"))).click();
        awaitMessage("Line 1");
        assertThat(shownMessages())
                .extracting(message -> message.get(1))
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 55)
                        .mapToObj(i -> "Line " + i)
                        .toList());
        await(ExpectedConditions.invisibilityOfElementLocated(By.id("load-older")));

        browser.findElement(By.id("assign-me-button")).click();
        await(ExpectedConditions.textToBe(By.id("chat-assignee"), "Assigned to Demo Agent"));
        new Select(browser.findElement(By.id("filter-assignee"))).selectByValue("mine");
        await(ExpectedConditions.textToBePresentInElementLocated(entry, "→ Demo Agent"));
        browser.findElement(By.id("unassign-button")).click();
        await(ExpectedConditions.textToBe(By.id("chat-assignee"), "Unassigned"));
        await(ExpectedConditions.invisibilityOfElementLocated(entry));
        new Select(browser.findElement(By.id("filter-assignee"))).selectByValue("unassigned");
        await(ExpectedConditions.visibilityOfElementLocated(entry));
        // Still there once the server's list for the filter has replaced the page's own filtering.
        org.awaitility.Awaitility.await()
                .during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> !browser.findElements(entry).isEmpty());
    }

    /** The open chat's messages as [id, text], read in one pass in the page, which redraws the chat as frames come. */
    @SuppressWarnings("unchecked")
    private List<List<String>> shownMessages() {
        return (List<List<String>>) ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return [...document.querySelectorAll('#message-items [data-testid=message]')]"
                        + ".map(m => [m.dataset.messageId, m.querySelector('.content').textContent])");
    }

    /** Waits until the simulator shows exactly these replies to the customer (the page redraws as it polls). */
    private void awaitReplies(String customer, String... replies) {
        await(driver ->
                driver.findElements(new ByChained(chatOf(customer), By.cssSelector("[data-testid=reply]"))).stream()
                        .map(WebElement::getText)
                        .toList()
                        .equals(List.of(replies)));
    }

    private void customerWrites(String name, String text) {
        WebElement field = browser.findElement(By.id("name"));
        field.clear();
        field.sendKeys(name);
        browser.findElement(By.id("text")).sendKeys(text);
        browser.findElement(By.cssSelector("[data-testid=customer-send]")).click();
        await(ExpectedConditions.textToBePresentInElementLocated(chatOf(name), text));
    }

    private static By chatOf(String customer) {
        return By.cssSelector("[data-testid=customer-chat][data-customer='" + customer + "']");
    }

    private WebElement awaitMessage(String text) {
        return await(ExpectedConditions.visibilityOfElementLocated(message(text)));
    }

    /** The message in the open chat whose text is {@code text}, found anew each time (the chat redraws). */
    private static By message(String text) {
        return By.xpath("//ol[@id='message-items']/li[div[@class='content' and .=" + xpathLiteral(text) + "]]");
    }

    /** Waits until the delivery status the console shows under an agent's message is {@code expected}. */
    private void awaitDelivery(String text, String expected) {
        By delivery = new ByChained(message(text), By.className("delivery"));
        await(driver -> expected.equals(
                driver.findElement(delivery).getAttribute("textContent").strip()));
    }

    private static String xpathLiteral(String text) {
        return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
    }

    private String openTab(String url) {
        browser.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        browser.get(url);
        return browser.getWindowHandle();
    }

    private <T> T await(java.util.function.Function<? super WebDriver, T> condition) {
        // The simulator redraws its chats as they change: an element found may be replaced before it is used.
        return new WebDriverWait(browser, Duration.ofSeconds(45))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition);
    }

    private void assertNoAlert() {
        try {
            browser.switchTo().alert();
            throw new AssertionError("A customer's markup ran as script");
        } catch (NoAlertPresentException expected) {
            // as it should be
        }
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
