package chat.flack.config;

/** A setting with a value Flack cannot run with; the message names the setting and why. */
public class SettingsException extends RuntimeException {

    private final String setting;

    public SettingsException(String setting, String why) {
        super(setting + " " + why);
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }
}
