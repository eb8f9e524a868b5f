package chat.flack.web;

import chat.flack.domain.ErrorCode;
import chat.flack.store.ImageStore;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code GET /uploads/F}: an uploaded image. Only names the {@link ImageStore} gives are looked
 * up, so no other file can be read through this path. An image from 48 KiB on goes by the
 * connector's sendfile where it offers it (Tomcat's request attributes, as its DefaultServlet
 * uses them), so a large image seen by a whole channel costs no copy through the connector's
 * small socket buffers; a stored image never changes, so the file read later is this one.
 */
@WebServlet("/uploads/*")
public class UploadsServlet extends HttpServlet {

    private static final String SENDFILE_SUPPORT = "org.apache.tomcat.sendfile.support";
    private static final String SENDFILE_FILENAME = "org.apache.tomcat.sendfile.filename";
    private static final String SENDFILE_START = "org.apache.tomcat.sendfile.start";
    private static final String SENDFILE_END = "org.apache.tomcat.sendfile.end";
    /** DefaultServlet's sendfileSize: below it one copy costs less than handing the file over. */
    private static final long SENDFILE_FROM = 48 * 1024;

    @Inject
    ImageStore images;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String info = request.getPathInfo();
        String name = info == null ? null : info.substring(1);
        Optional<Path> file = images.find(name);
        if (file.isEmpty()) {
            Http.error(response, ErrorCode.NOT_FOUND);
            return;
        }
        response.setContentType(ImageStore.contentType(name));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "public, max-age=31536000, immutable");
        response.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
        long length = Files.size(file.get());
        response.setContentLengthLong(length);
        if (length >= SENDFILE_FROM && "GET".equals(request.getMethod())
                && Boolean.TRUE.equals(request.getAttribute(SENDFILE_SUPPORT))) {
            request.setAttribute(SENDFILE_FILENAME, file.get().toRealPath().toString());
            request.setAttribute(SENDFILE_START, 0L);
            request.setAttribute(SENDFILE_END, length);
        } else {
            Files.copy(file.get(), response.getOutputStream());
        }
    }
}
