package io.github.hfoauth.sample.docs;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java snippet of the README and the guides is a whole source file, imports included, and
 * compiles as shown against the starter and the Spring modules an app has (servlet, WebFlux and
 * the test support): a newcomer copies it and it builds.
 */
class DocumentationSnippetsTests {

	private static final Pattern JAVA_BLOCK = Pattern.compile("(?ms)^```java\\n(.*?)^```");

	private static final Pattern TYPE_NAME = Pattern
		.compile("(?m)^(?:public |abstract |final )*(?:class|interface|record|enum|@interface) (\\w+)");

	static Stream<Snippet> snippets() throws IOException {
		List<Path> documents = new ArrayList<>(List.of(Path.of("..", "README.md")));
		try (Stream<Path> guides = Files.list(Path.of("..", "docs"))) {
			guides.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
		}
		List<Snippet> snippets = new ArrayList<>();
		for (Path document : documents) {
			Matcher block = JAVA_BLOCK.matcher(Files.readString(document));
			int number = 0;
			while (block.find()) {
				snippets.add(new Snippet(document.getFileName() + " #" + (++number), block.group(1)));
			}
		}
		return snippets.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("snippets")
	void compilesAsShown(Snippet snippet, @TempDir Path classes) throws IOException {
		assertThat(snippet.source()).as("%s starts with its package, then its imports", snippet)
			.startsWith("package ");
		Matcher type = TYPE_NAME.matcher(snippet.source());
		assertThat(type.find()).as("%s declares a type", snippet).isTrue();
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		StringWriter errors = new StringWriter();
		try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
			files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(classes.toFile()));
			JavaFileObject source = new Source(type.group(1), snippet.source());
			boolean compiled = compiler
				.getTask(errors, files, null, List.of("-classpath", System.getProperty("java.class.path"), "-proc:none",
						"-parameters"), null, List.of(source))
				.call();
			assertThat(compiled).as("%s compiles:%n%s", snippet, errors).isTrue();
		}
	}

	record Snippet(String name, String source) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	private static final class Source extends SimpleJavaFileObject {

		private final String code;

		Source(String typeName, String code) {
			super(URI.create("string:///" + typeName + Kind.SOURCE.extension), Kind.SOURCE);
			this.code = code;
		}

		@Override
		public CharSequence getCharContent(boolean ignoreEncodingErrors) {
			return this.code;
		}

	}

}
