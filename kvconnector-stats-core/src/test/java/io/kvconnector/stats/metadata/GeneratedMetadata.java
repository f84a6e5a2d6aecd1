package io.kvconnector.stats.metadata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code META-INF/spring-configuration-metadata.json} that
 * {@code spring-boot-configuration-processor} generated for one group of properties,
 * found among the many such files on the class path.
 *
 * @param group the group the file declares, such as {@code kvconnector.nixl}
 * @param location where the file was found
 * @param properties the properties it describes, by name
 * @param hints the values it offers for properties, by property name
 * @author kvconnector-stats
 */
public record GeneratedMetadata(String group, URL location, Map<String, Property> properties,
		Map<String, List<Object>> hints) {

	private static final String LOCATION = "META-INF/spring-configuration-metadata.json";

	/**
	 * Load the one metadata file on the class path that declares a group.
	 * @param group the group name
	 * @param classLoader the class loader to search, normally the module's own
	 * @return the metadata of that file
	 * @throws IllegalStateException when no file or more than one declares the group
	 */
	public static GeneratedMetadata load(String group, ClassLoader classLoader) {
		JsonMapper mapper = JsonMapper.builder().build();
		List<GeneratedMetadata> found = new ArrayList<>();
		try {
			for (URL url : Collections.list(classLoader.getResources(LOCATION))) {
				Map<?, ?> document;
				try (InputStream in = url.openStream()) {
					document = mapper.readValue(in, Map.class);
				}
				if (declares(document, group)) {
					found.add(new GeneratedMetadata(group, url, properties(document), hints(document)));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (found.size() != 1) {
			throw new IllegalStateException(
					"Expected one " + LOCATION + " declaring group '" + group + "' but found " + found);
		}
		return found.get(0);
	}

	private static boolean declares(Map<?, ?> document, String group) {
		return list(document, "groups").stream().anyMatch((item) -> group.equals(item.get("name")));
	}

	private static Map<String, Property> properties(Map<?, ?> document) {
		Map<String, Property> properties = new LinkedHashMap<>();
		for (Map<?, ?> item : list(document, "properties")) {
			String name = (String) item.get("name");
			properties.put(name, new Property(name, (String) item.get("type"), (String) item.get("description"),
					item.get("defaultValue")));
		}
		return properties;
	}

	private static Map<String, List<Object>> hints(Map<?, ?> document) {
		Map<String, List<Object>> hints = new LinkedHashMap<>();
		for (Map<?, ?> hint : list(document, "hints")) {
			hints.put((String) hint.get("name"),
					list(hint, "values").stream().<Object>map((value) -> value.get("value")).toList());
		}
		return hints;
	}

	private static List<Map<?, ?>> list(Map<?, ?> document, String key) {
		Object value = document.get(key);
		List<Map<?, ?>> items = new ArrayList<>();
		if (value instanceof List<?> list) {
			list.forEach((item) -> items.add((Map<?, ?>) item));
		}
		return items;
	}

	/**
	 * One property of the metadata.
	 *
	 * @param name its name
	 * @param type its type
	 * @param description its description
	 * @param defaultValue its default value, when the processor could infer it
	 */
	public record Property(String name, @Nullable String type, @Nullable String description,
			@Nullable Object defaultValue) {

	}

}
