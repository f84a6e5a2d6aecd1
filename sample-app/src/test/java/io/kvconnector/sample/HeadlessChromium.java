package io.kvconnector.sample;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Starts Debian's headless Chromium through Debian's chromedriver, with nothing
 * downloaded: no Selenium Manager, and the flags that keep Chromium off the (closed)
 * network. Without the two packages a test is skipped, except under {@code CI=true},
 * where it fails.
 *
 * @author kvconnector-stats
 */
final class HeadlessChromium {

	static final String CHROMIUM = System.getProperty("sample.test.chromium", "/usr/bin/chromium");

	static final String CHROMEDRIVER = System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");

	private static final String MISSING = "The browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
			+ " (Debian: apt-get install chromium chromium-driver; .ci/run installs them)";

	private HeadlessChromium() {
	}

	/**
	 * Start a browser with a fresh profile, or return {@code null} (fail under
	 * {@code CI=true}) when Chromium or chromedriver is missing.
	 * @param width the window's width
	 * @param height the window's height
	 * @return the driver, or {@code null} when the browser is not installed
	 * @throws IOException when the profile directory cannot be created
	 */
	static ChromeDriver startIfInstalled(int width, int height) throws IOException {
		if (!isInstalled()) {
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				fail(MISSING);
			}
			return null;
		}
		// so that Selenium never looks for, or downloads, a driver of its own
		System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
		// a fresh profile each time, under target/ so that a clean build removes it
		Path target = Files.createDirectories(Path.of("target"));
		Path profile = Files.createTempDirectory(target, "chromium-profile-").toAbsolutePath();
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
					"--force-device-scale-factor=1", "--lang=en-US");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
			.usingAnyFreePort()
			.withTimeout(Duration.ofSeconds(60))
			.build();
		return new ChromeDriver(service, options);
	}

	/**
	 * Skip the test, with a message saying what to install, when there is no browser.
	 * @param browser the driver {@link #startIfInstalled} returned
	 */
	static void assumeStarted(ChromeDriver browser) {
		assumeTrue(browser != null, MISSING);
	}

	private static boolean isInstalled() {
		return Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
	}

}
