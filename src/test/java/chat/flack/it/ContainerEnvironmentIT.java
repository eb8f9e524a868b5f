package chat.flack.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container image's start-up path without a container engine: the same WAR on the same
 * Tomcat distribution (pom.xml's tomcat.version, which ContainerFilesIT holds the image to),
 * in a process of its own, with the environment docker/Dockerfile sets — read from its ENV
 * lines, the data folder (the image's volume) moved to a fresh folder. Then /health, the
 * data folder's contents, and the image's HEALTHCHECK script against that Tomcat.
 */
class ContainerEnvironmentIT {

    /** The final stage's ENV, with FLACK_DATA_DIR (the volume) moved to {@code dataDir}. */
    static Map<String, String> imageEnv(Path dataDir) {
        Map<String, String> env = new LinkedHashMap<>(ContainerFiles.env(ContainerFiles.read(ContainerFiles.dockerfile())));
        assertThat(env).as("docker/Dockerfile's ENV").containsKey("FLACK_DATA_DIR");
        env.put("FLACK_DATA_DIR", dataDir.toString());
        return env;
    }

    @Test
    void theWarStartsWithTheImagesEnvironmentAndKeepsItsDataInTheVolume() throws Exception {
        String name = ServerIT.unique("container");
        Path data = TomcatProcess.dataDir(name);
        assertThat(data).as("a fresh folder stands in for the image's volume").doesNotExist();
        Map<String, String> env = imageEnv(data);
        // The PostgreSQL run of the suite: as compose runs the image, with FLACK_DB_URL set.
        String pg = System.getProperty("flack.db.url");
        boolean embedded = pg == null || pg.isBlank();
        if (!embedded) {
            env.put("FLACK_DB_URL", pg);
        }
        System.out.println("ContainerEnvironmentIT: Tomcat with " + env.keySet() + " from docker/Dockerfile"
                + (embedded ? "" : " and FLACK_DB_URL (PostgreSQL)"));
        try (TomcatProcess tomcat = new TomcatProcess(name, env)) {
            tomcat.start();
            Client c = new Client(tomcat.url());

            HttpResponse<String> health = c.get("/health");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(HttpContractIT.json(health).getString("status")).isEqualTo("UP");
            assertThat(health.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");

            assertThat(c.get("/").statusCode()).as("the chat is the ROOT application").isEqualTo(200);

            c.login(ServerIT.unique("Docker"));
            HttpResponse<String> upload = c.postMultipart("/upload", "image", "whale.png", "image/png", Images.of("png"));
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
            JsonObject saved = HttpContractIT.json(upload);
            Path uploaded = data.resolve("uploads").resolve(saved.getString("filename"));
            assertThat(uploaded).as("the upload is kept in the volume's uploads folder").isRegularFile();
            if (embedded) {
                assertThat(data.resolve("flack.mv.db")).as("the embedded database file is in the volume").isRegularFile();
            } else {
                assertThat(data.resolve("flack.mv.db")).as("no embedded database beside PostgreSQL").doesNotExist();
            }

            String port = String.valueOf(tomcat.url().getPort());
            assertThat(healthcheck(port)).as("docker/healthcheck.sh (the image's HEALTHCHECK) on UP").isZero();
            tomcat.stop();
            assertThat(healthcheck(port)).as("docker/healthcheck.sh once Tomcat has stopped").isNotZero();
        }
    }

    /** Runs the image's HEALTHCHECK script against 127.0.0.1:{@code port}; its exit code. */
    static int healthcheck(String port) throws IOException, InterruptedException {
        Path script = ContainerFiles.root().resolve("docker/healthcheck.sh");
        Process p = new ProcessBuilder("bash", script.toString(), port).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("docker/healthcheck.sh did not finish within 30 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!out.isBlank()) {
            System.out.println("docker/healthcheck.sh " + port + " (exit " + p.exitValue() + "): " + out.strip());
        }
        return p.exitValue();
    }
}
