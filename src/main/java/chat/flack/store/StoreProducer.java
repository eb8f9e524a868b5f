package chat.flack.store;

import chat.flack.config.Settings;
import chat.flack.domain.ChatStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the configured {@link ChatStore} a bean; {@code ChatService} closes it after its last write. */
@ApplicationScoped
public class StoreProducer {

    @Produces
    @Singleton
    ChatStore store(Settings settings) {
        return new JdbcChatStore(settings);
    }
}
