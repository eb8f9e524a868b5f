package chat.flack.socket;

import chat.flack.domain.LoginUser;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.Unmanaged;
import jakarta.servlet.http.HttpSession;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Copies the login from the {@code HttpSession} into the connection at the handshake (the
 * origin and the login were checked before, by {@code SocketGuardFilter}), and lets CDI inject
 * the endpoint, which Tomcat alone would not. Negotiates no extension: Flack writes its frames
 * itself, made once for every receiver ({@link Frame}), which a per-connection compression
 * (permessage-deflate) would undo; and compressed frames from clients would only cost the
 * server to inflate.
 */
public class EndpointConfigurator extends ServerEndpointConfig.Configurator {

    static final String USER = "flack.user";

    /** Per endpoint class, what injects its instances (Tomcat makes one configurator per endpoint and deployment). */
    private final Map<Class<?>, Unmanaged<?>> injectors = new ConcurrentHashMap<>();

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        try {
            if (request.getHttpSession() instanceof HttpSession session
                    && session.getAttribute(LoginUser.SESSION_ATTRIBUTE) instanceof LoginUser user) {
                config.getUserProperties().put(USER, user);
            }
        } catch (IllegalStateException invalidated) {
            // logged out during the handshake: no user, and the endpoint closes the socket
        }
    }

    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
        return List.of();
    }

    /**
     * Injects an endpoint for each socket with what was made for its class at the first one:
     * making it (Weld reads and checks the class, found through {@code CDI.current()}) cost more
     * than the injection itself, at every handshake.
     */
    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        @SuppressWarnings("unchecked")
        Unmanaged<T> injector = (Unmanaged<T>) injectors.computeIfAbsent(endpointClass,
                type -> new Unmanaged<>(CDI.current().getBeanManager(), type));
        return injector.newInstance().produce().inject().get();
    }
}
