package chat.flack.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The upload folder on a Tomcat process of its own: orphans are swept, a full disk is a 507. */
class UploadDiskIT {

    private static JsonObject json(HttpResponse<String> r) {
        return Json.createReader(new StringReader(r.body())).readObject();
    }

    /** A PNG of random pixels, which does not compress: about {@code side}² × 3 bytes. */
    private static byte[] noise(int side) throws Exception {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(side);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void uploadsNoMessageUsesAreDeletedAfterADayAndUsedOnesStay() throws Exception {
        String name = ServerIT.unique("sweep");
        Map<String, String> env = RestartProcessIT.flackEnv(name);
        Path uploads = TomcatProcess.dataDir(name).resolve("uploads");
        try (TomcatProcess tomcat = new TomcatProcess(name, env)) {
            tomcat.start();
            Client alice = new Client(tomcat.url());
            alice.login(ServerIT.unique("Alice"));
            String used = json(alice.postMultipart("/upload", "image", "a.png", "image/png", Images.of("png")))
                    .getString("filename");
            String unused = json(alice.postMultipart("/upload", "image", "b.png", "image/png", Images.of("png")))
                    .getString("filename");
            String young = json(alice.postMultipart("/upload", "image", "c.png", "image/png", Images.of("png")))
                    .getString("filename");
            String channel = ServerIT.unique("Pictures");
            try (Sock s = alice.socket()) {
                s.create(channel);
                s.join(channel);
                s.send(Sock.frame("send").add("channel", channel).add("text", "").add("image", used));
                s.await("message");
            }
            tomcat.stop();
            FileTime twoDaysAgo = FileTime.from(Instant.now().minus(Duration.ofDays(2)));
            Files.setLastModifiedTime(uploads.resolve(used), twoDaysAgo);
            Files.setLastModifiedTime(uploads.resolve(unused), twoDaysAgo);

            tomcat.start();
            // The sweep logs its count after its whole pass, not at the file it deletes.
            await().atMost(60, TimeUnit.SECONDS).until(() -> !Files.exists(uploads.resolve(unused))
                    && tomcat.console().contains("Deleted 1 upload(s) that no message used"));
            assertThat(uploads.resolve(used)).exists();
            assertThat(uploads.resolve(young)).exists();
            assertThat(new Client(tomcat.url()).getBytes("/uploads/" + used).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aFullUploadFolderAnswers507AndTheNextUploadWorksOnceThereIsRoom() throws Exception {
        String name = ServerIT.unique("full");
        Path folder = TomcatProcess.dataDir(name).resolveSibling(name + "-small-disk");
        Files.createDirectories(folder);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", folder.toString())
                .inheritIO().start();
        boolean mounted = mount.waitFor() == 0;
        if (!mounted) {
            Missing.skipOrFail("a full disk needs a small tmpfs, which only root can mount");
        }
        try {
            Map<String, String> env = RestartProcessIT.flackEnv(name);
            env.put("UPLOAD_FOLDER", folder.toString());
            try (TomcatProcess tomcat = new TomcatProcess(name, env)) {
                tomcat.start();
                Client alice = new Client(tomcat.url());
                alice.login(ServerIT.unique("Alice"));
                Path filler = folder.resolve("filler");
                Files.write(filler, new byte[400 * 1024]);

                HttpResponse<String> full = alice.postMultipart("/upload", "image", "big.png", "image/png", noise(200));
                assertThat(full.statusCode()).as(full.body()).isEqualTo(507);
                assertThat(json(full).getString("error")).isEqualTo("storage-full");
                try (var left = Files.list(folder)) {
                    assertThat(left.map(p -> p.getFileName().toString())).containsExactly("filler");
                }

                Files.delete(filler);
                HttpResponse<String> room = alice.postMultipart("/upload", "image", "big.png", "image/png", noise(200));
                assertThat(room.statusCode()).as(room.body()).isEqualTo(201);
            }
        } finally {
            new ProcessBuilder("umount", folder.toString()).inheritIO().start().waitFor();
        }
    }
}
