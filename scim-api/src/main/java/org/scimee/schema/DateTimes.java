package org.scimee.schema;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Optional;

/**
 * RFC 7643 §2.3.5 {@code dateTime} values (xsd:dateTime), read one way everywhere: validation, filtering, sorting
 * and the stores' indexes must agree on what a value means.
 */
public final class DateTimes {

    private DateTimes() {
    }

    /** The instant an xsd:dateTime names; without an offset the time is taken as UTC. Empty if it is not one. */
    public static Optional<Instant> parse(String text) {
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
            return Optional.of(parsed instanceof OffsetDateTime offset ? offset.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
