package chat.flack.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.logging.Logger;

/** Makes the process's {@link Settings} a bean, read once. */
@ApplicationScoped
public class SettingsProducer {

    private static final Logger LOG = Logger.getLogger(SettingsProducer.class.getName());

    @Produces
    @Singleton
    Settings settings() {
        try {
            return Settings.fromEnvironment();
        } catch (SettingsException e) {
            LOG.severe("Flack cannot start: " + e.getMessage());
            throw e;
        }
    }
}
