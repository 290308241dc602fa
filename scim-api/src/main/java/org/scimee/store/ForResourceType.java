package org.scimee.store;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Qualifies a {@link ResourceStore} bean as the store of one resource type (by its id, e.g. {@code "Device"}).
 * Types without a qualified store use the unqualified one.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER})
public @interface ForResourceType {

    /** The resource type id. */
    String value();

    /** For looking stores up programmatically. */
    final class Literal extends AnnotationLiteral<ForResourceType> implements ForResourceType {
        private static final long serialVersionUID = 1L;

        private final String value;

        private Literal(String value) {
            this.value = value;
        }

        public static Literal of(String resourceType) {
            return new Literal(resourceType);
        }

        @Override
        public String value() {
            return value;
        }
    }
}
