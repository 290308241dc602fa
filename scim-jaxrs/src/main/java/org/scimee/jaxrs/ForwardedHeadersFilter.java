package org.scimee.jaxrs;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.Locale;
import org.scimee.jaxrs.config.ScimSettings;

/**
 * Behind a reverse proxy, the URLs the service hands out ({@code Location}, {@code meta.location}) must be the ones
 * clients use. With {@value ScimSettings#TRUST_FORWARDED_HEADERS} on, the request's base URI takes scheme, host and
 * port from RFC 7239 {@code Forwarded} (its first element) or from {@code X-Forwarded-Proto}/{@code -Host}/
 * {@code -Port}, and a path prefix from {@code X-Forwarded-Prefix}. Off by default: these headers are client input
 * unless a proxy you trust sets them.
 */
@Provider
@PreMatching
@Priority(100)
@ApplicationScoped
public class ForwardedHeadersFilter implements ContainerRequestFilter {

    private ScimSettings settings;

    /** For CDI proxies and JAX-RS runtimes that insist on a public no-argument constructor. */
    public ForwardedHeadersFilter() {
    }

    @Inject
    public ForwardedHeadersFilter(ScimSettings settings) {
        this.settings = settings;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!settings.trustForwardedHeaders()) {
            return;
        }
        String proto = null;
        String host = null;
        String forwarded = request.getHeaderString("Forwarded");
        if (forwarded != null) {
            for (String pair : forwarded.split(",")[0].split(";")) {
                String[] kv = pair.trim().split("=", 2);
                if (kv.length == 2) {
                    String value = kv[1].trim().replace("\"", "");
                    switch (kv[0].trim().toLowerCase(Locale.ROOT)) {
                        case "proto" -> proto = value;
                        case "host" -> host = value;
                        default -> { }
                    }
                }
            }
        }
        proto = proto != null ? proto : first(request.getHeaderString("X-Forwarded-Proto"));
        host = host != null ? host : first(request.getHeaderString("X-Forwarded-Host"));
        String port = first(request.getHeaderString("X-Forwarded-Port"));
        String prefix = first(request.getHeaderString("X-Forwarded-Prefix"));
        if (proto == null && host == null && prefix == null) {
            return;
        }
        URI base = request.getUriInfo().getBaseUri();
        URI requested = request.getUriInfo().getRequestUri();
        UriBuilder newBase = UriBuilder.fromUri(base);
        UriBuilder newRequest = UriBuilder.fromUri(requested);
        if (proto != null && proto.matches("https?")) {
            newBase.scheme(proto);
            newRequest.scheme(proto);
        }
        if (host != null && host.matches("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?")) {
            int colon = host.lastIndexOf(':');
            boolean hasPort = colon > host.lastIndexOf(']');
            String name = hasPort ? host.substring(0, colon) : host;
            int hostPort = hasPort ? Integer.parseInt(host.substring(colon + 1)) : -1;
            newBase.host(name).port(hostPort);
            newRequest.host(name).port(hostPort);
        }
        if (port != null && port.matches("[0-9]{1,5}")) {
            newBase.port(Integer.parseInt(port));
            newRequest.port(Integer.parseInt(port));
        }
        if (prefix != null && prefix.matches("(/[A-Za-z0-9._~\\-]+)+")) {
            newBase.replacePath(prefix + base.getRawPath());
            newRequest.replacePath(prefix + requested.getRawPath());
        }
        request.setRequestUri(newBase.build(), newRequest.build());
    }

    private static String first(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        return header.split(",")[0].trim();
    }
}
