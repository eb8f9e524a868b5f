package chat.flack.config;

/** A setting with a value Flack cannot run with; the message names the setting and why. */
public class SettingsException extends RuntimeException {

    private final String setting;

    public SettingsException(String setting, String why) {
        // No stack trace: the sentence says all, and Tomcat prints whatever an exception carries.
        super(setting + " " + why, null, false, false);
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }
}
