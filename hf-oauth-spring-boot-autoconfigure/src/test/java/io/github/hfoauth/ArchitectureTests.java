package io.github.hfoauth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape of the starter's main code: packages without cycles, the classes both web stacks
 * load free of either stack's types, and the public API of {@code docs/public-api.md}.
 */
@AnalyzeClasses(packages = ArchitectureTests.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	static final String ROOT = "io.github.hfoauth";

	private static final Path PUBLIC_API = Path.of("../docs/public-api.md");

	private static final Path MAIN_SOURCES = Path.of("src/main/java");

	private static final Pattern TYPE_DECLARATION = Pattern
		.compile("^public (?:final |abstract |sealed )*(?:class|interface|record|enum|@interface) ", Pattern.MULTILINE);

	// The classes a WebFlux app and a servlet app both load: the principal and its model, the
	// decisions that thin servlet and WebFlux writers answer with, and what goes into a session.
	private static final Set<String> SHARED_BY_BOTH_STACKS = Set.of(ROOT + ".HfOAuth2User",
			ROOT + ".HfOAuth2UserBuilder", ROOT + ".HfOAuth2UserConverter", ROOT + ".HfClaims",
			ROOT + ".HfOrganization", ROOT + ".HfOrganizationRole", ROOT + ".HfOrganizationGate",
			ROOT + ".HfAuthoritiesMapper", ROOT + ".HfOrganizationAuthorities", ROOT + ".HfSecurityExpressions",
			ROOT + ".HfOAuth2Registration", ROOT + ".HfOAuth2ErrorCodes", ROOT + ".HfSignInException",
			ROOT + ".HfSignInMode", ROOT + ".LogText", ROOT + ".MockRemoteRefusal", ROOT + ".HfSpace", ROOT + ".HfTokenExpiry",
			ROOT + ".HfLoginFailure", ROOT + ".HfLoginFailureAnswer", ROOT + ".HfErrorAnswer",
			ROOT + ".HfSessionStoreFailure", ROOT + ".HfSignInAttempts", ROOT + ".RefreshResult",
			ROOT + ".HfMockLogin", ROOT + ".MockLoginRequest", ROOT + ".HfBearerTokenUsers", ROOT + ".BearerTokenCache",
			ROOT + ".BearerTokenFailure", ROOT + ".IdTokenRereading", ROOT + ".StoredUser",
			ROOT + ".api.HfApiProtocol", ROOT + ".api.HfApiException", ROOT + ".api.HfChatRequest",
			ROOT + ".api.HfChatCompletion", ROOT + ".api.HfWhoAmI", ROOT + ".session.HfSessionSerializer",
			ROOT + ".session.SessionSeal", ROOT + ".session.SessionValueCodec", ROOT + ".session.JdkSessionValues",
			ROOT + ".session.JsonSessionValues", ROOT + ".session.SessionClassFilter", ROOT + ".session.StoredSignIn",
			ROOT + ".session.RefreshPlan", ROOT + ".session.RefreshFailures", ROOT + ".session.HfRefreshLock",
			ROOT + ".autoconfigure.HfOAuthSharedConfiguration", ROOT + ".autoconfigure.HfClientSettings",
			ROOT + ".autoconfigure.HfOAuthProperties", ROOT + ".autoconfigure.HfSessionProperties",
			ROOT + ".autoconfigure.HfApiProperties", ROOT + ".autoconfigure.MockModeForwardedHeaders");

	@ArchTest
	static final ArchRule noCyclesBetweenPackages = slices().assignedFrom(byPackage()).should().beFreeOfCycles();

	@ArchTest
	static final ArchRule sharedClassesAreFreeOfServletTypes = noClasses().that(areSharedByBothStacks())
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("jakarta.servlet..", "org.springframework.web.servlet..")
		.because("a WebFlux application loads them too");

	@ArchTest
	static final ArchRule sharedClassesAreFreeOfReactiveTypes = noClasses().that(areSharedByBothStacks())
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.web.server..", "reactor..", "org.springframework.web.reactive..",
				"org.springframework.security.web.server..")
		.because("a servlet application loads them too");

	@ArchTest
	static void sharedClassesExist(JavaClasses classes) {
		assertThat(SHARED_BY_BOTH_STACKS).as("classes shared by both stacks (update this list when one moves)")
			.allSatisfy((name) -> assertThat(classes.contain(name)).as(name).isTrue());
	}

	@ArchTest
	static void publicTypesAreTheListedOnes(JavaClasses classes) throws IOException {
		Set<String> publicTypes = classes.stream()
			.filter((type) -> type.isTopLevelClass() && type.getModifiers().contains(JavaModifier.PUBLIC))
			.map(JavaClass::getName)
			.collect(Collectors.toCollection(TreeSet::new));
		PublicApi listed = PublicApi.read();
		assertThat(listed.api()).as("listed both as API and as wiring").doesNotContainAnyElementsOf(listed.wiring());
		Set<String> documented = new TreeSet<>(listed.api());
		documented.addAll(listed.wiring());
		assertThat(publicTypes).as("public types against " + PUBLIC_API).containsExactlyInAnyOrderElementsOf(documented);
	}

	@ArchTest
	static void wiringTypesSaySoFirst(JavaClasses classes) throws IOException {
		for (String wiring : PublicApi.read().wiring()) {
			String source = Files.readString(MAIN_SOURCES.resolve(wiring.replace('.', '/') + ".java"));
			Matcher declaration = TYPE_DECLARATION.matcher(source);
			assertThat(declaration.find()).as(wiring + ": type declaration").isTrue();
			String javadoc = source.substring(source.lastIndexOf("/**", declaration.start()) + 3).strip();
			assertThat(javadoc).as(wiring + ": first javadoc line").startsWith("* Public only for wiring:");
		}
	}

	@ArchTest
	static void apiSignaturesExposeOnlyApi(JavaClasses classes) throws IOException {
		Set<String> api = PublicApi.read().api();
		classes().that(DescribedPredicate.describe("are public API", (type) -> api.contains(outermost(type))))
			.should(exposeOnly(api))
			.check(classes);
	}

	private static ArchCondition<JavaClass> exposeOnly(Set<String> api) {
		return new ArchCondition<>("expose only public API types of " + ROOT + " in public signatures") {

			@Override
			public void check(JavaClass type, ConditionEvents events) {
				Stream.concat(type.getFields().stream(), type.getCodeUnits().stream())
					.filter(ArchitectureTests::isVisible)
					.forEach((member) -> signatureTypes(member).stream()
						.filter((used) -> used.getPackageName().startsWith(ROOT))
						.filter((used) -> !api.contains(outermost(used)))
						.forEach((used) -> events.add(SimpleConditionEvent.violated(member,
								member.getFullName() + " exposes " + used.getName()))));
			}

		};
	}

	private static boolean isVisible(JavaMember member) {
		Set<JavaModifier> modifiers = member.getModifiers();
		return (modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED))
				&& !modifiers.contains(JavaModifier.SYNTHETIC) && !modifiers.contains(JavaModifier.BRIDGE);
	}

	private static Set<JavaClass> signatureTypes(JavaMember member) {
		Set<JavaType> types = new LinkedHashSet<>();
		if (member instanceof JavaCodeUnit codeUnit) {
			types.add(codeUnit.getReturnType());
			types.addAll(codeUnit.getParameterTypes());
		}
		else {
			types.add(((JavaField) member).getType());
		}
		return types.stream()
			.flatMap((type) -> type.getAllInvolvedRawTypes().stream())
			.collect(Collectors.toCollection(LinkedHashSet::new));
	}

	private static String outermost(JavaClass type) {
		String name = type.getName();
		int nested = name.indexOf('$');
		return (nested < 0) ? name : name.substring(0, nested);
	}

	private static DescribedPredicate<JavaClass> areSharedByBothStacks() {
		return DescribedPredicate.describe("are shared by both web stacks",
				(type) -> SHARED_BY_BOTH_STACKS.contains(outermost(type)) || type.getPackageName().equals(ROOT + ".jackson"));
	}

	private static SliceAssignment byPackage() {
		return new SliceAssignment() {

			@Override
			public SliceIdentifier getIdentifierOf(JavaClass type) {
				return type.getPackageName().startsWith(ROOT) ? SliceIdentifier.of(type.getPackageName())
						: SliceIdentifier.ignore();
			}

			@Override
			public String getDescription() {
				return "the packages of " + ROOT;
			}

		};
	}

	/**
	 * The types {@code docs/public-api.md} lists: API, and public only for wiring.
	 */
	record PublicApi(Set<String> api, Set<String> wiring) {

		private static final Pattern ENTRY = Pattern.compile("^- `(" + Pattern.quote(ROOT) + "\\.[\\w.]+)`");

		static PublicApi read() throws IOException {
			Set<String> api = new TreeSet<>();
			Set<String> wiring = new TreeSet<>();
			Set<String> section = api;
			for (String line : Files.readAllLines(PUBLIC_API)) {
				if (line.startsWith("## ")) {
					section = line.equals("## Public only for wiring") ? wiring : api;
				}
				Matcher entry = ENTRY.matcher(line);
				if (entry.find()) {
					section.add(entry.group(1));
				}
			}
			return new PublicApi(api, wiring);
		}

	}

}
