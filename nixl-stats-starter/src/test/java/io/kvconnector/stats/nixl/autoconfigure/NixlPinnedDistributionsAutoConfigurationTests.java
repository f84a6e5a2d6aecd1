package io.kvconnector.stats.nixl.autoconfigure;

import java.util.List;
import java.util.function.ToDoubleFunction;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.context.ApplicationContext;

import io.kvconnector.stats.autoconfigure.AbstractPinnedDistributionsAutoConfigurationTests;
import io.kvconnector.stats.autoconfigure.KvConnectorAutoConfiguration;
import io.kvconnector.stats.nixl.NixlStatsRecorder;
import io.kvconnector.stats.nixl.NixlXferTelemetry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that {@link NixlStatsAutoConfiguration} keeps vLLM's NIXL buckets whatever
 * {@code management.metrics.distribution.*} says.
 *
 * @author kvconnector-stats
 */
class NixlPinnedDistributionsAutoConfigurationTests extends AbstractPinnedDistributionsAutoConfigurationTests {

	private static final String XFER_TIME = "vllm:nixl_xfer_time";

	private static final String POST_TIME = "vllm:nixl_post_time";

	private static final String BYTES = "vllm:nixl_bytes_transferred";

	private static final String DESCRIPTORS = "vllm:nixl_num_descriptors";

	@Override
	protected AutoConfigurations connectorAutoConfigurations() {
		return AutoConfigurations.of(KvConnectorAutoConfiguration.class, NixlStatsAutoConfiguration.class);
	}

	@Override
	protected String pinnedDistributionFilterBeanName() {
		return NixlStatsAutoConfiguration.PINNED_DISTRIBUTION_FILTER_BEAN_NAME;
	}

	@Override
	protected List<VllmHistogram> vllmHistograms() {
		return List.of(
				VllmHistogram.of(XFER_TIME, XFER_TIME + "_seconds", 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.2, 0.3, 0.5,
						0.75, 1.0, 5.0),
				VllmHistogram.of(POST_TIME, POST_TIME + "_seconds", 0.001, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.2,
						0.3, 0.5, 0.75, 1.0, 5.0),
				VllmHistogram.of(BYTES, BYTES, 2048, 8192, 32768, 131072, 524288, 2097152, 8388608, 33554432, 134217728,
						536870912, 2147483648.0, 8589934592.0),
				VllmHistogram.of(DESCRIPTORS, DESCRIPTORS, 10, 20, 30, 50, 75, 100, 200, 400, 1000, 2000, 4000, 10000,
						20000, 50000));
	}

	@Override
	protected void record(ApplicationContext context, ToDoubleFunction<String> valueOfMeter) {
		context.getBean(NixlStatsRecorder.class)
			.recordTransfer(0,
					NixlXferTelemetry.builder()
						.xferDurationMicros(micros(valueOfMeter.applyAsDouble(XFER_TIME)))
						.postDurationMicros(micros(valueOfMeter.applyAsDouble(POST_TIME)))
						.totalBytes((long) valueOfMeter.applyAsDouble(BYTES))
						.descCount((long) valueOfMeter.applyAsDouble(DESCRIPTORS))
						.build());
	}

	// vLLM's bounds are whole microseconds: recorded as micros, each is the bound itself
	private static long micros(double seconds) {
		long micros = Math.round(seconds * 1e6);
		assertThat(micros / 1e6).isEqualTo(seconds);
		return micros;
	}

}
