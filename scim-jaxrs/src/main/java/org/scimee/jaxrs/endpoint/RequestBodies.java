package org.scimee.jaxrs.endpoint;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.scimee.error.InvalidSyntaxException;
import org.scimee.error.PayloadTooLargeException;

/** Reads a request body as one JSON object, within a size limit. */
final class RequestBodies {

    // one provider for the class: Json.createXxx() looks the provider up with a ServiceLoader scan on every call
    private static final JsonProvider JSON = JsonProvider.provider();

    private RequestBodies() {
    }

    /**
     * @throws PayloadTooLargeException if the body is longer than {@code maxBytes}
     * @throws InvalidSyntaxException   if the body is empty, not JSON, or not a JSON object
     */
    static JsonObject object(InputStream body, int maxBytes) {
        byte[] bytes = read(body, maxBytes);
        if (bytes.length == 0) {
            throw new InvalidSyntaxException("the request body is empty; send a JSON object");
        }
        JsonValue value;
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(bytes))) {
            value = reader.readValue();
        } catch (JsonParsingException e) {
            throw new InvalidSyntaxException("the request body is not valid JSON (line " + e.getLocation().getLineNumber()
                    + ", column " + e.getLocation().getColumnNumber() + ")");
        } catch (JsonException e) {
            throw new InvalidSyntaxException("the request body is not valid JSON");
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidSyntaxException("the request body must be a JSON object, not " + value.getValueType()
                    .toString().toLowerCase(Locale.ROOT));
        }
        return value.asJsonObject();
    }

    private static byte[] read(InputStream body, int maxBytes) {
        if (body == null) {
            return new byte[0];
        }
        try {
            byte[] bytes = body.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new PayloadTooLargeException("the request body exceeds the limit of " + maxBytes + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
