package chat.flack.web;

import chat.flack.domain.ChatService;
import chat.flack.domain.ErrorCode;
import chat.flack.domain.LoginUser;
import chat.flack.store.ImageStore;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * {@code POST /upload}: stores the multipart part {@code image} when its bytes are a PNG, JPEG,
 * GIF or WebP image within the pixel limits. The body streams to disk, never whole into the
 * heap. Registered by {@link WebSetup} with the configured size limit.
 */
public class UploadServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(UploadServlet.class.getName());
    /** How much of an oversized body is read and thrown away so that the client gets its 413. */
    private static final long MAX_DRAIN = 256L * 1024 * 1024;

    @Inject
    ImageStore images;

    @Inject
    ChatService chat;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<LoginUser> user = Sessions.user(request);
        if (user.isEmpty()) {
            drain(request);
            Http.error(response, ErrorCode.NOT_LOGGED_IN);
            return;
        }
        if (!chat.takeUpload(user.get())) {
            drain(request);
            LOG.info("Upload refused: rate-limited");
            Http.error(response, ErrorCode.RATE_LIMITED, "You are uploading too fast; wait a few seconds.");
            return;
        }
        Part part;
        try {
            part = request.getPart("image");
        } catch (IllegalStateException tooLarge) {
            drain(request);
            refused(response, ErrorCode.TOO_LARGE, ErrorCode.TOO_LARGE.sentence());
            return;
        } catch (ServletException | IOException | RuntimeException notMultipart) {
            refused(response, ErrorCode.BAD_REQUEST, "Send the image as the multipart part 'image'.");
            return;
        }
        if (part == null) {
            refused(response, ErrorCode.BAD_REQUEST, "Send the image as the multipart part 'image'.");
            return;
        }
        Optional<ImageStore.Image> saved;
        try (InputStream in = part.getInputStream()) {
            saved = images.save(in);
        } catch (ImageStore.NoRoom e) {
            LOG.warning("Upload refused: storage-full (" + e.getCause() + ")");
            Http.error(response, ErrorCode.STORAGE_FULL);
            return;
        } finally {
            part.delete();
        }
        if (saved.isEmpty()) {
            refused(response, ErrorCode.NOT_AN_IMAGE, "Only PNG, JPEG, GIF and WebP images of at most "
                    + ImageStore.MAX_SIDE + " pixels a side and " + ImageStore.MAX_PIXELS / 1_000_000
                    + " megapixels can be uploaded.");
            return;
        }
        ImageStore.Image image = saved.get();
        LOG.info("Upload: " + image.name() + " (" + part.getSize() + " bytes, " + image.width() + "×"
                + image.height() + ")");
        Http.json(response, HttpServletResponse.SC_CREATED, new Bodies.Upload(image.name(),
                "/uploads/" + image.name(), image.width(), image.height()));
    }

    /** Answers a refused upload (which used one of the user's uploads all the same: refusals take disk work too). */
    private void refused(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        LOG.info("Upload refused: " + code.code());
        Http.error(response, code, message);
    }

    private static void drain(HttpServletRequest request) {
        try (InputStream in = request.getInputStream()) {
            byte[] sink = new byte[64 * 1024];
            long total = 0;
            int n;
            while (total < MAX_DRAIN && (n = in.read(sink)) >= 0) {
                total += n;
            }
        } catch (IOException | IllegalStateException ignored) {
            // the client went away or the body was read already: there is nothing left to drain
        }
    }
}
