package org.scimee.jaxrs.harness;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.scimee.jaxrs.ScimEndpoints;
import org.scimee.jaxrs.config.ScimSettings;

/**
 * The SCIM endpoints served in this JVM, for black-box tests over real HTTP on loopback.
 *
 * <p>What runs is what a Jakarta EE server runs, minus the server: Jersey serves {@link ScimEndpoints#classes()}
 * under {@value #PATH} on Grizzly, bound to {@code 127.0.0.1} on a free port; Weld SE is the CDI container and
 * discovers the real beans of scim-jaxrs ({@code SchemaRegistryProducer}, {@code ScimSettings},
 * {@code AuthenticationFilter}, the endpoints and exception mappers) through their {@code META-INF/beans.xml}, plus
 * {@link InMemoryStoreProducer} as the {@code ResourceStore}; SmallRye Config is the MicroProfile Config
 * implementation, and its CDI extension produces the {@code Config} that {@code ScimSettings} reads.
 *
 * <p>The configuration is only what the test gives ({@link Builder#property}): no system properties, environment
 * variables or {@code microprofile-config.properties}, so a developer's {@code SCIMEE_AUTH_BEARER_TOKEN} cannot leak
 * in. It is registered for the context class loader while the server runs, and Grizzly's worker threads are given
 * that class loader, so the {@code Config} CDI produces on a request thread is this one.
 *
 * <p>One server at a time per JVM: Jersey finds the CDI container through {@code CDI.current()}, which Weld SE
 * answers only while a single container runs. JUnit runs test classes one after another unless told otherwise.
 */
public final class ScimTestServer implements AutoCloseable {

    /** The application path, as the example WAR serves it. */
    public static final String PATH = "/scim/v2";

    private final Map<String, String> properties;
    private final List<Class<?>> beanClasses;
    private final List<Class<?>> providerClasses;
    private ClassLoader loader;
    private SmallRyeConfig config;
    private WeldContainer cdi;
    private HttpServer http;
    private URI base;

    private ScimTestServer(Map<String, String> properties, List<Class<?>> beanClasses, List<Class<?>> providerClasses) {
        this.properties = Map.copyOf(properties);
        this.beanClasses = List.copyOf(beanClasses);
        this.providerClasses = List.copyOf(providerClasses);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts CDI and the HTTP listener; returns once the port is bound. */
    public synchronized ScimTestServer start() {
        if (http != null) {
            throw new IllegalStateException("already started");
        }
        loader = Thread.currentThread().getContextClassLoader();
        config = new SmallRyeConfigBuilder()
                .forClassLoader(loader)
                .withSources(new PropertiesConfigSource(properties, "scim-test-server", 1000))
                .build();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        // A Config some earlier code created for this loader (e.g. through ConfigProvider.getConfig()) would win.
        resolver.releaseConfig(resolver.getConfig(loader));
        resolver.registerConfig(config, loader);
        try {
            Weld weld = new Weld("scim-test-server-" + UUID.randomUUID())
                    .property(Weld.SHUTDOWN_HOOK_SYSTEM_PROPERTY, false)
                    .addBeanClass(InMemoryStoreProducer.class);
            beanClasses.forEach(weld::addBeanClass);
            cdi = weld.initialize();
            ResourceConfig application = new ResourceConfig(ScimEndpoints.classes());
            providerClasses.forEach(application::register);
            http = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0" + PATH), application, false);
            for (NetworkListener listener : http.getListeners()) {
                listener.getTransport().getWorkerThreadPoolConfig().setInitialClassLoader(loader);
            }
            http.start();
            int port = http.getListener("grizzly").getPort();
            base = URI.create("http://127.0.0.1:" + port + PATH + "/");
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** The SCIM base URL, ending in {@code /scim/v2/}. */
    public synchronized URI base() {
        if (base == null) {
            throw new IllegalStateException("not started");
        }
        return base;
    }

    /** The bearer token clients must send, if one is configured. */
    public String token() {
        return properties.get(ScimSettings.BEARER_TOKEN);
    }

    /** A configured property, e.g. {@link ScimSettings#MAX_REQUEST_BYTES}. */
    public String property(String key) {
        return properties.get(key);
    }

    @Override
    public synchronized void close() {
        try {
            if (http != null) {
                http.shutdownNow();
            }
        } finally {
            http = null;
            base = null;
            try {
                if (cdi != null && cdi.isRunning()) {
                    cdi.shutdown();
                }
            } finally {
                cdi = null;
                if (config != null) {
                    ConfigProviderResolver.instance().releaseConfig(config);
                    config = null;
                }
            }
        }
    }

    public static final class Builder {

        private final Map<String, String> properties = new LinkedHashMap<>();
        private final List<Class<?>> beanClasses = new ArrayList<>();
        private final List<Class<?>> providerClasses = new ArrayList<>();

        private Builder() {
        }

        /** A JAX-RS provider (e.g. a filter standing in for container security) added to the SCIM application. */
        public Builder providerClass(Class<?> providerClass) {
            providerClasses.add(providerClass);
            return this;
        }

        /** A MicroProfile Config property the server sees, e.g. {@code scimee.request.max-bytes}. */
        public Builder property(String key, String value) {
            properties.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
            return this;
        }

        /** The bearer token clients must present ({@value ScimSettings#BEARER_TOKEN}). */
        public Builder bearerToken(String token) {
            return property(ScimSettings.BEARER_TOKEN, token);
        }

        /** A fresh random bearer token. */
        public Builder randomBearerToken() {
            return bearerToken("test-" + UUID.randomUUID());
        }

        /** The largest accepted request body ({@value ScimSettings#MAX_REQUEST_BYTES}). */
        public Builder maxRequestBytes(int bytes) {
            return property(ScimSettings.MAX_REQUEST_BYTES, Integer.toString(bytes));
        }

        /**
         * An extra CDI bean of the test's, beside the real ones: e.g. an {@code @Alternative @Priority} producer
         * of another {@code SchemaRegistry}. Keep the real beans unless the test is about something they cannot do.
         */
        public Builder beanClass(Class<?> beanClass) {
            beanClasses.add(Objects.requireNonNull(beanClass));
            return this;
        }

        public ScimTestServer build() {
            return new ScimTestServer(properties, beanClasses, providerClasses);
        }
    }
}
