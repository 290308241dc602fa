package org.scimee.jpa;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** SQL text with its parameters in order: values are only ever bound, never written into the text. */
final class Sql {

    private final StringBuilder text = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();

    Sql append(String sql) {
        text.append(sql);
        return this;
    }

    /** Appends {@code ?} and binds {@code value} to it. */
    Sql bind(Object value) {
        text.append('?');
        parameters.add(value);
        return this;
    }

    Sql append(Sql other) {
        text.append(other.text);
        parameters.addAll(other.parameters);
        return this;
    }

    String text() {
        return text.toString();
    }

    PreparedStatement prepare(Connection connection) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(text.toString());
        try {
            bind(statement, parameters);
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
        return statement;
    }

    static void bind(PreparedStatement statement, List<?> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value instanceof String string) {
                statement.setString(i + 1, string);
            } else if (value instanceof BigDecimal number) {
                statement.setBigDecimal(i + 1, number);
            } else if (value instanceof Integer number) {
                statement.setInt(i + 1, number);
            } else if (value instanceof Long number) {
                statement.setLong(i + 1, number);
            } else if (value instanceof NullOf type) {
                statement.setNull(i + 1, type.sqlType());
            } else {
                throw new IllegalArgumentException("cannot bind " + value);
            }
        }
    }

    /** A typed SQL NULL, so strict databases (PostgreSQL) know the parameter's type. */
    record NullOf(int sqlType) {
        static final NullOf VARCHAR = new NullOf(Types.VARCHAR);
        static final NullOf DECIMAL = new NullOf(Types.DECIMAL);
    }

    @Override
    public String toString() {
        return text + " " + parameters;
    }
}
