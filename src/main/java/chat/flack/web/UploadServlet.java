package chat.flack.web;

import chat.flack.domain.ErrorCode;
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
 * GIF or WebP image. Registered by {@link WebSetup} with the configured size limit.
 */
public class UploadServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(UploadServlet.class.getName());
    /** How much of an oversized body is read and thrown away so that the client gets its 413. */
    private static final long MAX_DRAIN = 256L * 1024 * 1024;

    @Inject
    ImageStore images;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (Sessions.user(request).isEmpty()) {
            drain(request);
            Http.error(response, ErrorCode.NOT_LOGGED_IN);
            return;
        }
        Part part;
        try {
            part = request.getPart("image");
        } catch (IllegalStateException tooLarge) {
            drain(request);
            LOG.info("Upload refused: too-large");
            Http.error(response, ErrorCode.TOO_LARGE);
            return;
        } catch (ServletException | IOException notMultipart) {
            LOG.info("Upload refused: bad-request (" + notMultipart.getMessage() + ")");
            Http.error(response, ErrorCode.BAD_REQUEST, "Send the image as the multipart part 'image'.");
            return;
        }
        if (part == null) {
            LOG.info("Upload refused: bad-request (no image part)");
            Http.error(response, ErrorCode.BAD_REQUEST, "Send the image as the multipart part 'image'.");
            return;
        }
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readAllBytes();
        } finally {
            part.delete();
        }
        Optional<String> saved = images.save(bytes);
        if (saved.isEmpty()) {
            LOG.info("Upload refused: not-an-image");
            Http.error(response, ErrorCode.NOT_AN_IMAGE);
            return;
        }
        LOG.info("Upload: " + saved.get() + " (" + bytes.length + " bytes)");
        Http.json(response, HttpServletResponse.SC_CREATED, new Bodies.Upload(saved.get(), "/uploads/" + saved.get()));
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
