package chat.flack.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/** Makes the process's {@link Settings} a bean, read once, with its folders made and checked. */
@ApplicationScoped
public class SettingsProducer {

    private static final Logger LOG = Logger.getLogger(SettingsProducer.class.getName());

    @Produces
    @Singleton
    Settings settings() {
        try {
            Settings settings = Settings.fromEnvironment();
            writableFolder("FLACK_DATA_DIR", settings.dataDir());
            writableFolder("UPLOAD_FOLDER", settings.uploadDir());
            return settings;
        } catch (SettingsException e) {
            LOG.severe("Flack cannot start: " + e.getMessage());
            throw e;
        }
    }

    private static void writableFolder(String setting, Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException | SecurityException e) {
            throw new SettingsException(setting, "names a folder that cannot be created: " + folder + " (" + e + ")");
        }
        if (!Files.isWritable(folder)) {
            throw new SettingsException(setting, "names a folder Flack cannot write to: " + folder);
        }
    }
}
