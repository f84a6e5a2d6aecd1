package io.kvconnector.sample;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests the sample's page in headless Chromium against the running application: it charts
 * every engine of both connectors, shows exactly the endpoint's last intervals, and says
 * when a poll fails while it keeps polling.
 *
 * @author kvconnector-stats
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "kvconnector.log-interval=2s", "kvconnector.engines=0,1" })
class SamplePageBrowserTests {

	private static final List<String> CARDS = List.of("nixl/0", "nixl/1", "mooncake/0", "mooncake/1");

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final String CARDS_SCRIPT = """
			const cells = (card, attribute) => Array.from(card.querySelectorAll('[' + attribute + ']'))
				.map((cell) => [cell.getAttribute(attribute), cell.dataset.value, cell.querySelector('.value').textContent]);
			return Array.from(document.querySelectorAll('article.engine')).map((card) => ({
				id: card.dataset.connector + '/' + card.dataset.engine,
				end: card.dataset.end || '',
				stats: cells(card, 'data-key'),
				failures: cells(card, 'data-failure'),
				charts: Array.from(card.querySelectorAll('.chart')).map((chart) => chart.dataset.chart),
				points: Math.min(...Array.from(card.querySelectorAll('.chart')).map((chart) => Number(chart.dataset.points))),
			}));
			""";

	private static final String CHART_SCRIPT = """
			const holder = document.querySelector('[data-chart="' + CSS.escape(arguments[0]) + '"]');
			const plot = window.kvDashboard.charts[arguments[0]];
			const canvas = holder.querySelector('canvas');
			const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
			const colors = holder.dataset.colors.split(' ')
				.map((hex) => [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)));
			let seriesPixels = 0;
			for (let i = 0; i < pixels.length; i += 4) {
				if (pixels[i + 3] > 200 && colors.some((c) => c.every((channel, k) => Math.abs(channel - pixels[i + k]) <= 24))) {
					seriesPixels++;
				}
			}
			return {
				width: canvas.width,
				height: canvas.height,
				seriesPixels,
				series: plot.series.length - 1,
				paths: plot.series.slice(1).filter((s) => s._paths != null && s._paths.stroke != null).length,
				points: plot.data[0].length,
			};
			""";

	private static ChromeDriver browser;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@BeforeAll
	static void startBrowser() throws IOException {
		browser = HeadlessChromium.startIfInstalled(1400, 1000);
	}

	@BeforeEach
	void requireBrowser() {
		HeadlessChromium.assumeStarted(browser);
	}

	@AfterAll
	static void quitBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void pageChartsEveryEngineAndShowsExactlyTheEndpointsLastIntervals() throws Exception {
		browser.get(url("/"));
		new WebDriverWait(browser, PATIENCE).until((driver) -> cards().size() == CARDS.size()
				&& cards().stream().allMatch((card) -> ((Number) card.get("points")).intValue() >= 3));
		List<Map<String, Object>> cards = cards();
		assertThat(cards).extracting((card) -> card.get("id")).containsExactlyElementsOf(CARDS);
		for (Map<String, Object> card : cards) {
			assertChartsDrew(card);
		}
		JsonNode endpoint = sameIntervalsAsThePage();
		for (Map<String, Object> card : cards()) {
			String[] id = ((String) card.get("id")).split("/");
			JsonNode last = endpoint.path("connectors").path(id[0]).path("engines").path(id[1]).path("lastInterval");
			assertShownExactly(card.get("id") + " stats", rows(card, "stats"), last.path("stats"));
			if (id[0].equals("nixl")) {
				assertShownExactly(card.get("id") + " failures", rows(card, "failures"), last.path("failures"));
			}
		}
		saveScreenshot();
	}

	@Test
	void pageSaysWhenAPollFailsAndRecoversWhileItKeepsPolling() {
		browser.executeCdpCommand("Network.enable", Map.of());
		browser.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/actuator/kvconnector*")));
		try {
			browser.get(url("/"));
			WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
			wait.until((driver) -> ((Number) script("return window.kvDashboard.failedPolls")).intValue() >= 2);
			assertThat(browser.findElement(By.id("poll-error")).isDisplayed()).isTrue();
			assertThat(browser.findElement(By.id("poll-error")).getText())
				.startsWith("Polling /actuator/kvconnector failed at ")
				.contains("trying again every 2 s");
			assertThat(browser.findElement(By.id("empty-state")).getText())
				.isEqualTo("Waiting for the first interval…");
		}
		finally {
			browser.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
		}
		new WebDriverWait(browser, PATIENCE).until((driver) -> !driver.findElement(By.id("poll-error")).isDisplayed());
		assertThat(script("return document.getElementById('poll-status').dataset.state")).isEqualTo("ok");
		assertThat(browser.findElement(By.id("empty-state")).isDisplayed()).isFalse();
		assertThat(cards()).extracting((card) -> card.get("id")).containsExactlyElementsOf(CARDS);
	}

	private void assertChartsDrew(Map<String, Object> card) {
		@SuppressWarnings("unchecked")
		List<String> charts = (List<String>) card.get("charts");
		assertThat(charts).as("charts of %s", card.get("id")).hasSize(3);
		for (String chart : charts) {
			@SuppressWarnings("unchecked")
			Map<String, Object> drawn = (Map<String, Object>) script(CHART_SCRIPT, chart);
			assertThat(drawn).as(chart).containsEntry("paths", drawn.get("series"));
			assertThat(((Number) drawn.get("series")).intValue()).as(chart).isPositive();
			assertThat(((Number) drawn.get("points")).intValue()).as(chart).isGreaterThanOrEqualTo(3);
			assertThat(((Number) drawn.get("width")).intValue()).as(chart).isGreaterThan(200);
			assertThat(((Number) drawn.get("seriesPixels")).intValue()).as("%s: pixels in a series colour", chart)
				.isGreaterThan(50);
		}
	}

	/**
	 * Fetch the endpoint until its last intervals are the ones the page shows: an
	 * interval may close between the page's poll and ours.
	 */
	private JsonNode sameIntervalsAsThePage() throws Exception {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (true) {
			List<Map<String, Object>> cards = cards();
			JsonNode endpoint = this.json.readTree(get("/actuator/kvconnector"));
			List<String> shown = new ArrayList<>();
			List<String> served = new ArrayList<>();
			for (Map<String, Object> card : cards) {
				String[] id = ((String) card.get("id")).split("/");
				shown.add((String) card.get("end"));
				served.add(endpoint.path("connectors")
					.path(id[0])
					.path("engines")
					.path(id[1])
					.path("lastInterval")
					.path("end")
					.asString());
			}
			if (shown.equals(served) && cards().equals(cards)) {
				return endpoint;
			}
			assertThat(System.nanoTime()).as("the page's intervals never matched the endpoint's").isLessThan(deadline);
			Thread.sleep(200);
		}
	}

	/**
	 * Each row the page shows, in order, is a key of the endpoint's object, with its
	 * value as the text the endpoint wrote: the same number, integral exactly when the
	 * JSON's is.
	 */
	private static void assertShownExactly(String what, List<List<String>> rows, JsonNode expected) {
		assertThat(rows).extracting((row) -> row.get(0)).as(what).containsExactlyElementsOf(expected.propertyNames());
		for (List<String> row : rows) {
			String key = row.get(0);
			String value = row.get(1);
			JsonNode served = expected.path(key);
			assertThat(row.get(2)).as("%s %s: shown text", what, key).isEqualTo(value);
			if (served.isString()) {
				assertThat(value).as("%s %s", what, key).isEqualTo(served.asString());
			}
			else if (served.isIntegralNumber()) {
				assertThat(value).as("%s %s", what, key).matches("-?\\d+");
				assertThat(new BigDecimal(value)).as("%s %s", what, key)
					.isEqualTo(new BigDecimal(served.bigIntegerValue()));
			}
			else {
				assertThat(served.isFloatingPointNumber()).as("%s %s is a number", what, key).isTrue();
				assertThat(value).as("%s %s", what, key).containsAnyOf(".", "e", "E");
				assertThat(Double.parseDouble(value)).as("%s %s", what, key).isEqualTo(served.doubleValue());
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static List<List<String>> rows(Map<String, Object> card, String kind) {
		return (List<List<String>>) card.get(kind);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> cards() {
		return (List<Map<String, Object>>) script(CARDS_SCRIPT);
	}

	private static Object script(String script, Object... arguments) {
		return browser.executeScript(script, arguments);
	}

	private void saveScreenshot() throws IOException {
		// the window is the page's height, so that the screenshot holds all of it
		for (int i = 0; i < 3; i++) {
			int missing = ((Number) script("return document.documentElement.scrollHeight - window.innerHeight"))
				.intValue();
			if (missing <= 0) {
				break;
			}
			Dimension size = browser.manage().window().getSize();
			browser.manage()
				.window()
				.setSize(new Dimension(size.getWidth(), Math.min(size.getHeight() + missing, 4000)));
		}
		new WebDriverWait(browser, PATIENCE).until((driver) -> ((Number) script(
				"return Math.max(...Object.values(window.kvDashboard.charts).map((c) => Math.abs(c.width - c.root.parentElement.clientWidth)))"))
			.intValue() <= 2);
		Path screenshot = Path.of("target", "sample-app.png");
		Files.createDirectories(screenshot.getParent());
		Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), screenshot, StandardCopyOption.REPLACE_EXISTING);
		assertThat(screenshot).isNotEmptyFile();
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	private String get(String path) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(url(path))).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

}
