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
 * up, so no other file can be read through this path.
 */
@WebServlet("/uploads/*")
public class UploadsServlet extends HttpServlet {

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
        response.setContentLengthLong(Files.size(file.get()));
        Files.copy(file.get(), response.getOutputStream());
    }
}
