package chat.flack.relay;

import chat.flack.config.Settings;
import chat.flack.domain.LocalRelay;
import chat.flack.domain.Relay;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the relay a bean: over Redis when {@code FLACK_REDIS_URL} is set, else the single node's. */
@ApplicationScoped
public class RelayProducer {

    @Produces
    @Singleton
    Relay relay(Settings settings) {
        return settings.redisUrl() == null ? new LocalRelay() : new RedisRelay(settings.redisUrl());
    }

    void close(@Disposes Relay relay) {
        relay.close();
    }
}
