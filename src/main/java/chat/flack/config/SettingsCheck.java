package chat.flack.config;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;

import java.sql.DriverManager;
import java.util.Set;

/**
 * Reads the settings before anything else of Flack starts (before CDI), so that a bad one stops
 * the application's start-up with one line that names it, and nothing more: Tomcat then marks
 * the application failed ("startup failed due to previous errors") and serves none of it.
 */
public class SettingsCheck implements ServletContainerInitializer {

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        try {
            SettingsProducer.read();
        } catch (SettingsException e) {
            loadDriversOutsideTheApplication();
            throw new Refused(e.getMessage());
        }
    }

    /**
     * {@link DriverManager} loads every driver it can see once, at its first use, through the
     * class loader of the thread of that moment. In an application that never started, that first
     * use would be Tomcat's check for leaked drivers as it removes the application: it would load
     * the WAR's drivers with the application's class loader, and then warn that they are left
     * registered. Loaded here, outside the application, it sees none of them.
     */
    private static void loadDriversOutsideTheApplication() {
        Thread thread = Thread.currentThread();
        ClassLoader application = thread.getContextClassLoader();
        thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
        try {
            DriverManager.getDrivers();
        } finally {
            thread.setContextClassLoader(application);
        }
    }

    /**
     * Tomcat logs the exception an initializer throws, with its stack trace and causes: this one
     * has neither, and prints as its sentence alone.
     */
    static final class Refused extends ServletException {

        Refused(String why) {
            super("Flack cannot start: " + why);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
