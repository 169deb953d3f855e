package io.github.hfoauth.sample.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every table of the README and the guides renders as a table: a Markdown renderer shows a
 * table only when each of its rows has as many cells as its header, and prints the rest as text.
 */
class DocumentationTablesTests {

	private static final Pattern DELIMITER_ROW = Pattern.compile("^\\|(\\s*:?-+:?\\s*\\|)+\\s*$");

	// A pipe inside code (`a | b`) or escaped (\|) does not separate cells.
	private static final Pattern CODE_OR_ESCAPED_PIPE = Pattern.compile("`[^`]*`|\\\\\\|");

	static Stream<Table> tables() throws IOException {
		List<Path> documents = new ArrayList<>(List.of(Path.of("..", "README.md")));
		try (Stream<Path> guides = Files.list(Path.of("..", "docs"))) {
			guides.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
		}
		List<Table> tables = new ArrayList<>();
		for (Path document : documents) {
			List<String> lines = Files.readAllLines(document);
			for (int i = 1; i < lines.size(); i++) {
				if (DELIMITER_ROW.matcher(lines.get(i)).matches() && lines.get(i - 1).startsWith("|")) {
					List<String> rows = new ArrayList<>(List.of(lines.get(i - 1)));
					for (int j = i + 1; j < lines.size() && lines.get(j).startsWith("|"); j++) {
						rows.add(lines.get(j));
					}
					tables.add(new Table(document.getFileName() + ":" + i, cells(lines.get(i)), rows));
				}
			}
		}
		return tables.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("tables")
	void everyRowHasTheHeadersCells(Table table) {
		for (String row : table.rows()) {
			assertThat(cells(row)).as("%s: %s", table, row).isEqualTo(table.columns());
		}
	}

	private static int cells(String row) {
		String separators = CODE_OR_ESCAPED_PIPE.matcher(row.strip()).replaceAll("x");
		return (int) separators.chars().filter((c) -> c == '|').count() - 1;
	}

	record Table(String name, int columns, List<String> rows) {

		@Override
		public String toString() {
			return this.name;
		}

	}

}
