package chat.flack.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Makes the process's {@link Settings} a bean, read once, with its folders made and checked. */
@ApplicationScoped
public class SettingsProducer {

    @Produces
    @Singleton
    Settings settings() {
        return read();
    }

    /**
     * The settings of this process, with their folders made and checked; {@link SettingsCheck}
     * has read them once already when the application started, and said what was wrong.
     */
    static Settings read() {
        Settings settings = Settings.fromEnvironment();
        writableFolder("FLACK_DATA_DIR", settings.dataDir());
        writableFolder("UPLOAD_FOLDER", settings.uploadDir());
        return settings;
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
