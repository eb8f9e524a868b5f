package chat.flack.store;

import chat.flack.config.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.tika.Tika;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Uploaded images in the upload folder, under random names. The type is judged from the bytes
 * (Apache Tika's magic detection); only PNG, JPEG, GIF and WebP are kept.
 */
@ApplicationScoped
public class ImageStore {

    private static final Map<String, String> EXTENSIONS = Map.of(
            "image/png", "png", "image/jpeg", "jpg", "image/gif", "gif", "image/webp", "webp");
    private static final Map<String, String> TYPES = Map.of(
            "png", "image/png", "jpg", "image/jpeg", "gif", "image/gif", "webp", "image/webp");
    private static final Pattern FILE_NAME = Pattern.compile("[0-9a-f]{32}\\.(png|jpg|gif|webp)");

    @Inject
    Settings settings;

    private final Tika tika = new Tika();
    private final SecureRandom random = new SecureRandom();
    private Path folder;

    @PostConstruct
    void init() {
        folder = settings.uploadDir();
    }

    /** Stores {@code bytes} when they are an image of an accepted type; returns the new file name. */
    public Optional<String> save(byte[] bytes) {
        String extension = EXTENSIONS.get(tika.detect(bytes));
        if (extension == null) {
            return Optional.empty();
        }
        byte[] id = new byte[16];
        random.nextBytes(id);
        String name = HexFormat.of().formatHex(id) + "." + extension;
        try {
            Files.createDirectories(folder);
            Path partial = Files.createTempFile(folder, ".upload-", ".part");
            try {
                Files.write(partial, bytes);
                Files.move(partial, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the upload folder " + folder, e);
        }
        return Optional.of(name);
    }

    /** The stored file of that name, if the name is one this store gives and the file exists. */
    public Optional<Path> find(String name) {
        if (name == null || !FILE_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Path file = folder.resolve(name);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** True when an upload of that file name exists. */
    public boolean exists(String name) {
        return find(name).isPresent();
    }

    /** The content type of a stored file name. */
    public static String contentType(String name) {
        return TYPES.get(name.substring(name.lastIndexOf('.') + 1));
    }
}
