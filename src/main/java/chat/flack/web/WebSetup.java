package chat.flack.web;

import chat.flack.config.Settings;
import jakarta.inject.Inject;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.WebListener;

/**
 * Sets up what depends on the settings: the upload servlet with the configured image size
 * limit, and sessions (and their cookie) that last {@code FLACK_SESSION_DAYS}.
 */
@WebListener
public class WebSetup implements ServletContextListener {

    @Inject
    Settings settings;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletRegistration.Dynamic upload = event.getServletContext().addServlet("upload", UploadServlet.class);
        upload.addMapping("/upload");
        long max = settings.maxImageBytes();
        // The request may carry a little more than the image: multipart headers and boundaries.
        upload.setMultipartConfig(new MultipartConfigElement("", max, max + 64 * 1024, 64 * 1024));

        int minutes = settings.sessionDays() * 24 * 60;
        event.getServletContext().setSessionTimeout(minutes);
        event.getServletContext().getSessionCookieConfig().setMaxAge(minutes * 60);
    }
}
