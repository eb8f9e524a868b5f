package chat.flack.it;

import chat.flack.it.ContainerFiles.Instruction;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * docker/Dockerfile, docker/compose.yaml and .dockerignore, checked without a container
 * engine: the compose file by Debian's docker-compose, the Dockerfile by two npm linters
 * (dockerfile-utils: syntax; dockerfilelint: practices), and in Java what the issue asks of
 * them that no linter knows. A missing tool fails the test when CI=true and skips it
 * otherwise, with a line that says how to install it.
 */
class ContainerFilesIT {

    private static final String INSTALL_COMPOSE =
            "apt-get install -y --no-install-recommends docker-compose";
    private static final String INSTALL_HAPROXY = "apt-get install -y --no-install-recommends haproxy";
    private static final String INSTALL_LINTERS =
            "npm install -g dockerfile-utils@0.16.3 dockerfilelint@1.8.0";

    // ---- the tools ----------------------------------------------------------------------

    @Test
    void dockerComposeAcceptsTheComposeFile() throws Exception {
        run("docker-compose", INSTALL_COMPOSE, "docker-compose", "-f", "docker/compose.yaml", "config", "-q");
    }

    @Test
    void dockerComposeAcceptsTheClusterComposeFile() throws Exception {
        run("docker-compose", INSTALL_COMPOSE, "docker-compose", "-f", "docker/compose.cluster.yaml", "config", "-q");
    }

    @Test
    void haproxyAcceptsTheLoadBalancersConfiguration() throws Exception {
        run("haproxy", INSTALL_HAPROXY, "haproxy", "-c", "-f", "docker/haproxy.cfg");
    }

    @Test
    void dockerfileUtilsFindsNoErrorInTheDockerfile() throws Exception {
        run("dockerfile-utils", INSTALL_LINTERS, "dockerfile-utils", "lint", "docker/Dockerfile");
    }

    @Test
    void dockerfilelintFindsNoIssueInTheDockerfile() throws Exception {
        // It reads its rules from docker/.dockerfilelintrc (the Dockerfile's folder).
        run("dockerfilelint", INSTALL_LINTERS, "dockerfilelint", "docker/Dockerfile");
    }

    /** Runs a tool in the repository root and asserts exit code 0, showing its output otherwise. */
    private static void run(String tool, String install, String... command) throws IOException, InterruptedException {
        if (onPath(tool).isEmpty()) {
            Missing.skipOrFail(tool + " is not on the PATH; install it with: " + install);
        }
        Process p = new ProcessBuilder(command).directory(ContainerFiles.root().toFile())
                .redirectErrorStream(true).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within 180 s");
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue())
                .as("%s exited with %d:%n%s", String.join(" ", command), p.exitValue(), output)
                .isZero();
    }

    private static Optional<Path> onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return Optional.of(Path.of(dir, tool));
            }
        }
        return Optional.empty();
    }

    // ---- the Dockerfile -----------------------------------------------------------------

    private static final String DOCKERFILE = ContainerFiles.read(ContainerFiles.dockerfile());
    private static final List<List<Instruction>> STAGES = ContainerFiles.stages(DOCKERFILE);
    private static final List<Instruction> FINAL = STAGES.get(STAGES.size() - 1);

    private static String dataDir() {
        return ContainerFiles.env(DOCKERFILE).get("FLACK_DATA_DIR");
    }

    @Test
    void theWarIsBuiltFromSourceWithTheMavenWrapperInAStageOfItsOwn() {
        assertThat(STAGES).as("stages (FROM lines)").hasSizeGreaterThanOrEqualTo(2);
        List<Instruction> build = STAGES.get(0);
        String from = build.get(0).args();
        assertThat(from).as("the build stage is named").containsPattern("(?i)\\sAS\\s+\\w+");
        String stageName = from.replaceAll("(?is).*\\sAS\\s+", "").strip();
        assertThat(ContainerFiles.args(build, "RUN")).as("the build stage's RUN")
                .anySatisfy(run -> assertThat(run).contains("./mvnw").contains("package"));
        assertThat(ContainerFiles.args(FINAL, "COPY")).as("the final stage takes the WAR from the build stage")
                .anySatisfy(copy -> assertThat(copy)
                        .contains("--from=" + stageName)
                        .contains("target/flack.war")
                        .endsWith("webapps/ROOT.war"));
    }

    @Test
    void itRunsOnTheOfficialTomcatImageOfTheTestedVersionWithJava17OrNewer() {
        String version = ContainerFiles.pomProperty("tomcat.version");
        String image = ContainerFiles.words(FINAL.get(0).args()).get(0);
        assertThat(image).as("the final FROM (pom.xml's tomcat.version is %s)", version)
                .matches("tomcat:" + java.util.regex.Pattern.quote(version) + "-(jre|jdk)(\\d+)-.+");
        int java = Integer.parseInt(image.replaceAll("^tomcat:[^-]+-(jre|jdk)(\\d+)-.*$", "$2"));
        assertThat(java).as("the Java of " + image).isGreaterThanOrEqualTo(17);
        assertThat(DOCKERFILE).as("the image's default web applications are removed")
                .contains("rm -rf webapps.dist webapps/*");
    }

    @Test
    void itRunsAsAUserThatIsNotRoot() {
        List<String> users = ContainerFiles.args(FINAL, "USER");
        assertThat(users).as("USER in the final stage").isNotEmpty();
        String user = users.get(users.size() - 1).split(":")[0];
        assertThat(user).as("the last USER of the final stage").isNotIn("root", "0", "");
    }

    @Test
    void theDataFolderIsADeclaredVolumeAndTheChatIsOnPort8080() {
        assertThat(dataDir()).as("ENV FLACK_DATA_DIR").isNotBlank();
        List<String> volumes = new ArrayList<>();
        for (String v : ContainerFiles.args(FINAL, "VOLUME")) {
            volumes.addAll(ContainerFiles.words(v.replaceAll("^\\[|]$", "").replace(",", " ")));
        }
        assertThat(volumes).as("VOLUME").contains(dataDir());
        assertThat(ContainerFiles.args(FINAL, "EXPOSE")).as("EXPOSE").contains("8080");
    }

    @Test
    void theHealthcheckAsksHealthAndIsInTheImage() {
        List<String> checks = ContainerFiles.args(FINAL, "HEALTHCHECK");
        assertThat(checks).as("HEALTHCHECK").hasSize(1);
        String check = checks.get(0);
        assertThat(check).contains("CMD").contains("/usr/local/bin/flack-healthcheck").contains("8080");
        assertThat(ContainerFiles.args(FINAL, "COPY")).as("the script is copied in")
                .anySatisfy(copy -> assertThat(copy).contains("docker/healthcheck.sh")
                        .endsWith("/usr/local/bin/flack-healthcheck"));
        String script = ContainerFiles.read(ContainerFiles.root().resolve("docker/healthcheck.sh"));
        assertThat(script).contains("GET /health ").contains("\"status\":\"UP\"");
        // ContainerEnvironmentIT runs the script against a real Tomcat, UP and stopped.
    }

    @Test
    void everythingTheBuildCopiesIsInTheContextAndTargetAndDataAreNot() throws IOException {
        List<String> ignored = Files.readAllLines(ContainerFiles.root().resolve(".dockerignore")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(ignored).contains("target/", "flack-data/", ".git");
        for (List<Instruction> stage : STAGES) {
            for (String copy : ContainerFiles.args(stage, "COPY")) {
                List<String> words = new ArrayList<>(ContainerFiles.words(copy));
                if (words.stream().anyMatch(w -> w.startsWith("--from="))) {
                    continue;
                }
                words.removeIf(w -> w.startsWith("--"));
                for (String source : words.subList(0, words.size() - 1)) {
                    String path = source.replaceAll("/$", "");
                    assertThat(ContainerFiles.root().resolve(path)).as("COPY source " + source).exists();
                    assertThat(ignored).as("COPY source %s is not in .dockerignore", source)
                            .doesNotContain(path, path + "/");
                }
            }
        }
    }

    // ---- the compose file ---------------------------------------------------------------

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsFlackOnPostgresqlWithNamedVolumes() {
        Map<String, Object> compose = ContainerFiles.yaml(ContainerFiles.read(ContainerFiles.compose()));
        assertThat(compose).as("top-level keys (docker-compose 1.29 rejects 'name')").doesNotContainKey("name");
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        Map<String, Object> named = (Map<String, Object>) compose.get("volumes");
        assertThat(named).as("named volumes").isNotNull();

        String db = services.entrySet().stream()
                .filter(e -> String.valueOf(((Map<String, Object>) e.getValue()).get("image")).startsWith("postgres:"))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError("no service runs a postgres image: " + services.keySet()));
        Map<String, Object> pg = (Map<String, Object>) services.get(db);
        Map<String, Object> pgEnv = (Map<String, Object>) pg.get("environment");
        assertThat((List<Object>) pg.get("volumes")).as("PostgreSQL's data on a named volume")
                .anySatisfy(v -> {
                    String[] parts = String.valueOf(v).split(":");
                    assertThat(named).containsKey(parts[0]);
                    assertThat(parts[1]).isEqualTo("/var/lib/postgresql/data");
                });

        String flack = services.entrySet().stream()
                .filter(e -> ((Map<String, Object>) e.getValue()).get("build") instanceof Map<?, ?> b
                        && "docker/Dockerfile".equals(b.get("dockerfile")))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError("no service is built from docker/Dockerfile"));
        Map<String, Object> app = (Map<String, Object>) services.get(flack);
        assertThat(((Map<String, Object>) app.get("build")).get("context")).as("the build context: the repository")
                .isEqualTo("..");
        Map<String, Object> env = (Map<String, Object>) app.get("environment");
        assertThat(env.get("FLACK_DB_URL")).isEqualTo("jdbc:postgresql://" + db + ":5432/" + pgEnv.get("POSTGRES_DB"));
        assertThat(env.get("FLACK_DB_USER")).isEqualTo(pgEnv.get("POSTGRES_USER"));
        assertThat(env.get("FLACK_DB_PASSWORD")).isEqualTo(pgEnv.get("POSTGRES_PASSWORD"));
        assertThat((List<Object>) app.get("depends_on")).contains(db);
        assertThat((List<Object>) app.get("ports")).contains("8080:8080");
        assertThat((List<Object>) app.get("volumes")).as("Flack's data folder (uploads) on a named volume")
                .anySatisfy(v -> {
                    String[] parts = String.valueOf(v).split(":");
                    assertThat(named).containsKey(parts[0]);
                    assertThat(parts[1]).isEqualTo(dataDir());
                });
        assertThat(env).as("every setting is one the README documents")
                .allSatisfy((k, v) -> assertThat(ContainerFiles.read(ContainerFiles.root().resolve("README.md")))
                        .contains("`" + k + "`"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theClusterRunsNodesBehindAHealthCheckingBalancerWithPostgresqlRedisAndSharedUploads() {
        Map<String, Object> compose = ContainerFiles.yaml(ContainerFiles.read(
                ContainerFiles.root().resolve("docker/compose.cluster.yaml")));
        assertThat(compose).as("top-level keys (docker-compose 1.29 rejects 'name')").doesNotContainKey("name");
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        Map<String, Object> named = (Map<String, Object>) compose.get("volumes");
        String db = serviceWithImage(services, "postgres:");
        String redis = serviceWithImage(services, "redis:");
        String balancer = serviceWithImage(services, "haproxy:");

        Map<String, Object> node = (Map<String, Object>) services.get("flack");
        assertThat(((Map<String, Object>) node.get("build")).get("dockerfile")).isEqualTo("docker/Dockerfile");
        assertThat(node).as("nodes publish no port, so that --scale can start more").doesNotContainKey("ports");
        Map<String, Object> env = (Map<String, Object>) node.get("environment");
        assertThat(String.valueOf(env.get("FLACK_DB_URL"))).startsWith("jdbc:postgresql://" + db + ":5432/");
        assertThat(env.get("FLACK_REDIS_URL")).isEqualTo("redis://" + redis + ":6379");
        assertThat((List<Object>) node.get("volumes")).as("one upload folder that every node shares")
                .anySatisfy(v -> {
                    String[] parts = String.valueOf(v).split(":");
                    assertThat(named).containsKey(parts[0]);
                    assertThat(parts[1]).isEqualTo(env.get("UPLOAD_FOLDER"));
                });
        assertThat(env).as("every setting is one the README documents")
                .allSatisfy((k, v) -> assertThat(ContainerFiles.read(ContainerFiles.root().resolve("README.md")))
                        .contains("`" + k + "`"));

        Map<String, Object> lb = (Map<String, Object>) services.get(balancer);
        assertThat((List<Object>) lb.get("ports")).contains("8080:8080");
        assertThat((List<Object>) lb.get("volumes")).contains("./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro");
        String cfg = ContainerFiles.read(ContainerFiles.root().resolve("docker/haproxy.cfg"));
        assertThat(cfg).as("round robin over the nodes that answer /health")
                .contains("balance roundrobin", "option httpchk GET /health", "server-template flack")
                .doesNotContain("stick-table", "cookie ");
    }

    @SuppressWarnings("unchecked")
    private static String serviceWithImage(Map<String, Object> services, String image) {
        return services.entrySet().stream()
                .filter(e -> String.valueOf(((Map<String, Object>) e.getValue()).get("image")).startsWith(image))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError("no service runs a " + image + " image: " + services.keySet()));
    }
}
