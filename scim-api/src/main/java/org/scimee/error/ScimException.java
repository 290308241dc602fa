package org.scimee.error;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

/**
 * The one exception type SCIM processing throws for a request it cannot honour.
 *
 * <p>Each subclass is named after an RFC 7644 §3.12 {@code scimType} (or, where the RFC has none, after the
 * HTTP condition), so a transport only has to call {@link #toJson()} and use {@link #status()}. The
 * {@code detail} is meant for the client: it never carries secrets or stack traces.
 */
public class ScimException extends RuntimeException {

    // one provider for the class: Json.createXxx() looks the provider up with a ServiceLoader scan on every call
    private static final JsonProvider JSON = JsonProvider.provider();

    /** RFC 7644 §3.12: the URN of the error response schema. */
    public static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

    private final int status;
    private final String scimType;

    public ScimException(int status, String scimType, String detail) {
        super(detail);
        this.status = status;
        this.scimType = scimType;
    }

    public ScimException(int status, String scimType, String detail, Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.scimType = scimType;
    }

    /** The HTTP status code of the response. */
    public int status() {
        return status;
    }

    /** The RFC 7644 {@code scimType}, or {@code null} where the error has none. */
    public String scimType() {
        return scimType;
    }

    /** A human-readable explanation the client can act on. */
    public String detail() {
        return getMessage();
    }

    /** The RFC 7644 §3.12 error body; {@code status} is a string, as the RFC's examples show. */
    public JsonObject toJson() {
        JsonObjectBuilder body = JSON.createObjectBuilder()
                .add("schemas", JSON.createArrayBuilder().add(ERROR_SCHEMA))
                .add("status", Integer.toString(status));
        if (scimType != null) {
            body.add("scimType", scimType);
        }
        if (detail() != null) {
            body.add("detail", detail());
        }
        return body.build();
    }
}
