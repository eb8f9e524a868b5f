package chat.flack.config;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one meter registry (Micrometer, Prometheus format), with the JVM's memory, GC, threads and CPU. */
@ApplicationScoped
public class MetricsProducer {

    private final JvmGcMetrics gc = new JvmGcMetrics();
    private PrometheusMeterRegistry registry;

    @Produces
    @Singleton
    PrometheusMeterRegistry registry() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        return registry;
    }

    @PreDestroy
    void close() {
        gc.close();
        if (registry != null) {
            registry.close();
        }
    }
}
