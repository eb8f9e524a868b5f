package chat.flack.store;

import chat.flack.config.Settings;
import chat.flack.config.Threads;
import chat.flack.domain.ImageSize;
import chat.flack.domain.ChatStore;
import chat.flack.domain.StoreException;
import com.drew.imaging.gif.GifMetadataReader;
import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.png.PngMetadataReader;
import com.drew.imaging.webp.WebpMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.gif.GifHeaderDirectory;
import com.drew.metadata.jpeg.JpegDirectory;
import com.drew.metadata.png.PngDirectory;
import com.drew.metadata.webp.WebpDirectory;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.tika.Tika;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Uploaded images in the upload folder, under random names. The type is judged from the bytes
 * (Apache Tika's magic detection); only PNG, JPEG, GIF and WebP are kept, and only when their
 * header parses as that type (metadata-extractor) and gives a size within the pixel limits, so
 * no decompression bomb reaches a browser. Uploads that no message uses are deleted after a day.
 */
@ApplicationScoped
public class ImageStore {

    private static final Logger LOG = Logger.getLogger(ImageStore.class.getName());
    public static final int MAX_SIDE = 10_000;
    public static final long MAX_PIXELS = 40_000_000L;
    private static final Duration ORPHAN_AGE = Duration.ofDays(1);
    private static final Duration PARTIAL_AGE = Duration.ofHours(1);
    private static final Duration SWEEP_DELAY = Duration.ofSeconds(5);
    private static final Duration SWEEP_EVERY = Duration.ofHours(1);
    private static final Pattern FILE_NAME = Pattern.compile("[0-9a-f]{32}\\.(png|jpg|gif|webp)");
    private static final String PARTIAL_PREFIX = ".upload-";

    @Inject
    Settings settings;

    @Inject
    ChatStore chatStore;

    private final Tika tika = new Tika();
    private final SecureRandom random = new SecureRandom();
    private final Threads threads = new Threads();
    private final ScheduledExecutorService sweeper =
            Executors.newSingleThreadScheduledExecutor(threads.daemons("flack-upload-sweeper"));
    private Path folder;

    /** A stored image: its file name and its size in pixels. */
    public record Image(String name, int width, int height) {
    }

    /** The upload folder has no room for the image (the disk is full). */
    public static final class NoRoom extends IOException {
        NoRoom(IOException cause) {
            super("no room in the upload folder", cause);
        }
    }

    @PostConstruct
    void init() {
        folder = settings.uploadDir();
    }

    /** Sweeps shortly after start, when the database has been read, and every hour after that. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_DELAY.toSeconds(), SWEEP_EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    /** Ends the sweeper and waits until it has ended (a sweep under way stops at its next file). */
    @PreDestroy
    void stop() {
        sweeper.shutdownNow();
        threads.awaitEnded(Duration.ofSeconds(5));
    }

    /**
     * Stores what {@code in} holds when it is an image of an accepted type and size.
     *
     * @return the stored image, or empty when it is not one
     * @throws NoRoom when the folder cannot take it; other IOExceptions come from reading {@code in}
     */
    public Optional<Image> save(InputStream in) throws IOException {
        Path partial = partialFile();
        try {
            copy(in, partial);
            Optional<Format> format = detect(partial);
            Optional<int[]> size = format.flatMap(f -> size(partial, f));
            if (size.isEmpty()) {
                return Optional.empty();
            }
            String name = randomName() + "." + format.get().extension;
            try {
                Files.move(partial, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new NoRoom(e);
            }
            return Optional.of(new Image(name, size.get()[0], size.get()[1]));
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** The stored file of that name, if the name is one this store gives and the file exists. */
    public Optional<Path> find(String name) {
        if (name == null || !FILE_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Path file = folder.resolve(name);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** The size of the upload of that file name, empty when there is no such upload. */
    public Optional<ImageSize> size(String name) {
        return sizeOf(folder, name);
    }

    /**
     * The size of the upload {@code name} in {@code folder}, read from its header: empty when the
     * name is not one this store gives, or the file is missing or unreadable.
     */
    static Optional<ImageSize> sizeOf(Path folder, String name) {
        if (name == null || !FILE_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Path file = folder.resolve(name);
        return Format.ofExtension(name.substring(name.lastIndexOf('.') + 1))
                .filter(f -> Files.isRegularFile(file))
                .flatMap(f -> size(file, f))
                .map(wh -> new ImageSize(wh[0], wh[1]));
    }

    /** The content type of a stored file name. */
    public static String contentType(String name) {
        return Format.ofExtension(name.substring(name.lastIndexOf('.') + 1)).orElseThrow().mediaType;
    }

    /**
     * Deletes uploads older than a day that no message shows (uploaded, then never sent), and
     * partial files that an interrupted upload left behind.
     */
    void sweep() {
        Instant now = Instant.now();
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                Instant modified = Files.getLastModifiedTime(file).toInstant();
                boolean orphan = FILE_NAME.matcher(name).matches()
                        && modified.isBefore(now.minus(ORPHAN_AGE)) && !chatStore.isImageUsed("/uploads/" + name);
                boolean leftOver = name.startsWith(PARTIAL_PREFIX) && modified.isBefore(now.minus(PARTIAL_AGE));
                if ((orphan || leftOver) && Files.deleteIfExists(file)) {
                    deleted++;
                }
            }
        } catch (IOException | StoreException e) {
            LOG.log(Level.WARNING, "Could not sweep the upload folder " + folder + ": " + e.getMessage());
            return;
        }
        if (deleted > 0) {
            LOG.info("Deleted " + deleted + " upload(s) that no message used");
        }
    }

    private Path partialFile() throws NoRoom {
        try {
            Files.createDirectories(folder);
            return Files.createTempFile(folder, PARTIAL_PREFIX, ".part");
        } catch (IOException e) {
            throw new NoRoom(e);
        }
    }

    /** Copies {@code in} to {@code file}, telling a failed write (no room) from a failed read (the client). */
    private static void copy(InputStream in, Path file) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        OutputStream out;
        try {
            out = Files.newOutputStream(file);
        } catch (IOException e) {
            throw new NoRoom(e);
        }
        try (out) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                try {
                    out.write(buffer, 0, n);
                } catch (IOException e) {
                    throw new NoRoom(e);
                }
            }
        }
    }

    private Optional<Format> detect(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return Format.ofMediaType(tika.detect(in));
        }
    }

    /** Width and height from the header of an image of that format, when it parses and is within the limits. */
    private static Optional<int[]> size(Path file, Format format) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            Directory header = format.read(in).getFirstDirectoryOfType(format.header);
            if (header == null || header.hasErrors() || !header.containsTag(format.widthTag)
                    || !header.containsTag(format.heightTag)) {
                return Optional.empty();
            }
            int width = header.getInt(format.widthTag);
            int height = header.getInt(format.heightTag);
            boolean fits = width > 0 && height > 0 && width <= MAX_SIDE && height <= MAX_SIDE
                    && (long) width * height <= MAX_PIXELS;
            return fits ? Optional.of(new int[] {width, height}) : Optional.empty();
        } catch (Exception unreadable) {
            // metadata-extractor's readers throw checked and runtime exceptions of their own for bad headers
            return Optional.empty();
        }
    }

    /** The accepted image formats: how each is named, and where its header keeps its size. */
    private enum Format {
        PNG("png", "image/png", PngDirectory.class, PngDirectory.TAG_IMAGE_WIDTH, PngDirectory.TAG_IMAGE_HEIGHT) {
            Metadata read(InputStream in) throws Exception {
                return PngMetadataReader.readMetadata(in);
            }
        },
        JPEG("jpg", "image/jpeg", JpegDirectory.class, JpegDirectory.TAG_IMAGE_WIDTH, JpegDirectory.TAG_IMAGE_HEIGHT) {
            Metadata read(InputStream in) throws Exception {
                return JpegMetadataReader.readMetadata(in);
            }
        },
        GIF("gif", "image/gif", GifHeaderDirectory.class, GifHeaderDirectory.TAG_IMAGE_WIDTH,
                GifHeaderDirectory.TAG_IMAGE_HEIGHT) {
            Metadata read(InputStream in) {
                return GifMetadataReader.readMetadata(in);
            }
        },
        WEBP("webp", "image/webp", WebpDirectory.class, WebpDirectory.TAG_IMAGE_WIDTH, WebpDirectory.TAG_IMAGE_HEIGHT) {
            Metadata read(InputStream in) throws Exception {
                return WebpMetadataReader.readMetadata(in);
            }
        };

        final String extension;
        final String mediaType;
        final Class<? extends Directory> header;
        final int widthTag;
        final int heightTag;

        Format(String extension, String mediaType, Class<? extends Directory> header, int widthTag, int heightTag) {
            this.extension = extension;
            this.mediaType = mediaType;
            this.header = header;
            this.widthTag = widthTag;
            this.heightTag = heightTag;
        }

        abstract Metadata read(InputStream in) throws Exception;

        static Optional<Format> ofMediaType(String type) {
            return Arrays.stream(values()).filter(f -> f.mediaType.equals(type)).findFirst();
        }

        static Optional<Format> ofExtension(String extension) {
            return Arrays.stream(values()).filter(f -> f.extension.equals(extension)).findFirst();
        }
    }

    private String randomName() {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
