package io.github.hfoauth.sample.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through {@code /usr/bin/chromedriver}: Selenium then
 * downloads nothing, and the flags keep Chromium itself from calling out (no updates, sync,
 * safe browsing or DNS beyond this machine). A JUnit extension: register it as a static field,
 * and the class gets one browser (starting it costs a second), and each test a new visitor,
 * whose Chromium blocks third-party cookies and keeps partitioned ones (CHIPS).
 */
final class HeadlessChromium implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

	private static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");

	// Where the tests leave screenshots of what the user saw.
	private static final Path SCREENSHOTS = Paths.get("target", "screenshots");

	private Path profile;

	private ChromeDriver driver;

	/**
	 * Starts Chromium. Fails, rather than skips, when it is not installed: the browser tests are
	 * part of the build, and CI installs it.
	 */
	@Override
	public void beforeAll(ExtensionContext context) {
		if (!Files.isExecutable(CHROMEDRIVER)) {
			throw new IllegalStateException(CHROMEDRIVER + " is missing, so the browser tests cannot run. Install "
					+ "Debian's Chromium and its driver (sudo apt-get install chromium chromium-driver), as .ci/run does.");
		}
		System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
		this.profile = temporaryProfile();
		ChromeOptions options = new ChromeOptions().addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
				"--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--no-first-run", "--disable-quic", "--disable-extensions",
				"--disable-default-apps", "--window-size=1000,760", "--user-data-dir=" + this.profile,
				// Only this machine resolves: a link elsewhere can never be fetched or prefetched.
				"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1");
		this.driver = new ChromeDriver(options);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		reset();
	}

	WebDriver driver() {
		return this.driver;
	}

	// Forgets every cookie, partitioned ones included, and closes every window but one.
	private void reset() {
		String first = this.driver.getWindowHandles().iterator().next();
		for (String window : this.driver.getWindowHandles()) {
			if (!window.equals(first)) {
				this.driver.switchTo().window(window).close();
			}
		}
		this.driver.switchTo().window(first);
		this.driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
		thirdPartyCookies(false);
		this.driver.get("about:blank");
	}

	/**
	 * Chrome's own switch for third-party cookies: its default is to allow them; headless
	 * Chromium here blocks them, and so does each new visitor again.
	 */
	void thirdPartyCookies(boolean allowed) {
		this.driver.executeCdpCommand("Network.setCookieControls", Map.of("enableThirdPartyCookieRestriction", !allowed));
	}

	/** Switches to the window that opened besides {@code opener}, such as a link's {@code target=_blank} tab. */
	void switchToNewWindow(String opener) {
		String opened = await((page) -> page.getWindowHandles().stream().filter((window) -> !window.equals(opener))
			.findFirst().orElse(null));
		this.driver.switchTo().window(opened);
	}

	/** Waits up to ten seconds (the machine may be busy) for the condition to return non-null or true. */
	<T> T await(Function<WebDriver, T> condition) {
		// A page that is being replaced may still answer, with elements about to go stale.
		return new WebDriverWait(this.driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
			.ignoring(JavascriptException.class)
			.until(condition::apply);
	}

	/**
	 * Waits for an element that shows exactly this text: after a click, the way to know that the
	 * next page, and not the one being left, is there.
	 */
	WebElement await(By locator, String text) {
		return await((page) -> page.findElements(locator).stream().filter((element) -> element.getText().equals(text))
			.findFirst().orElse(null));
	}

	/** Waits for an element to be displayed. */
	WebElement await(By locator) {
		return await((page) -> page.findElements(locator).stream().filter(WebElement::isDisplayed).findFirst()
			.orElse(null));
	}

	/** Saves what the window shows as {@code target/screenshots/<name>.png}. */
	void screenshot(String name) {
		Path target = SCREENSHOTS.resolve(name + ".png");
		try {
			Files.createDirectories(SCREENSHOTS);
			Files.move(this.driver.getScreenshotAs(OutputType.FILE).toPath(), target,
					StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not save " + target, ex);
		}
	}

	/** The URL of the document the driver is in: a frame's own, where the driver's URL is the window's. */
	String frameUrl() {
		return String.valueOf(this.driver.executeScript("return location.href"));
	}

	/** Whether the image was fetched and decoded, i.e. the user sees it. */
	boolean isLoaded(WebElement image) {
		Object width = this.driver.executeScript("return arguments[0].complete && arguments[0].naturalWidth", image);
		return width instanceof Number number && number.intValue() > 0;
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (this.driver == null) {
			return;
		}
		this.driver.quit();
		try (Stream<Path> files = Files.walk(this.profile)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// A leftover temporary profile is harmless.
		}
	}

	// A fresh profile each time: no cookies, history or settings carried between runs.
	private static Path temporaryProfile() {
		try {
			return Files.createTempDirectory("hf-oauth-chromium-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
