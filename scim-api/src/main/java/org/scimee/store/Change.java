package org.scimee.store;

import jakarta.json.JsonValue;
import java.util.List;
import java.util.Objects;

/**
 * One change to the client attributes of a resource, as a {@link ChangeSet} lists them for a store.
 *
 * <p>Every change addresses one top-level attribute: {@code attribute} in the resource itself when
 * {@code extension} is {@code null}, otherwise {@code attribute} inside the object kept under the extension URN
 * {@code extension}. Names are canonical (spelled as the schema spells them). {@code schemas} is an attribute like
 * any other here, and so is a whole extension object ({@code extension == null}, {@code attribute} = the URN).
 */
public sealed interface Change permits Change.SetValue, Change.Clear, Change.AddValues, Change.RemoveValues {

    /** The extension URN whose object holds the attribute, or {@code null} for a top-level attribute. */
    String extension();

    /** The attribute name. */
    String attribute();

    /**
     * The attribute now has {@code value} (for a multi-valued attribute: the whole array, in order).
     *
     * @param value the new value, never JSON {@code null} (that is {@link Clear})
     */
    record SetValue(String extension, String attribute, JsonValue value) implements Change {
        public SetValue {
            Objects.requireNonNull(attribute, "attribute");
            Objects.requireNonNull(value, "value");
            if (value.getValueType() == JsonValue.ValueType.NULL) {
                throw new IllegalArgumentException("set " + attribute + " to null: use Clear");
            }
        }
    }

    /**
     * The attribute is now unassigned (RFC 7643 §2.5). An extension object left empty disappears with its last
     * attribute.
     */
    record Clear(String extension, String attribute) implements Change {
        public Clear {
            Objects.requireNonNull(attribute, "attribute");
        }
    }

    /**
     * {@code values} are appended, in order, to the multi-valued attribute (created if it was unassigned). Nothing
     * else in the array changes.
     */
    record AddValues(String extension, String attribute, List<JsonValue> values) implements Change {
        public AddValues {
            Objects.requireNonNull(attribute, "attribute");
            values = List.copyOf(values);
        }
    }

    /**
     * Every element of the multi-valued attribute equal to one of {@code values} is removed; these are the elements
     * exactly as they were stored. For complex values with a {@code value} sub-attribute (group members), a store
     * may find them by {@code value}. An array left empty makes the attribute unassigned.
     */
    record RemoveValues(String extension, String attribute, List<JsonValue> values) implements Change {
        public RemoveValues {
            Objects.requireNonNull(attribute, "attribute");
            values = List.copyOf(values);
        }
    }
}
