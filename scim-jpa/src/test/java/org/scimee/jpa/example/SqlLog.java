package org.scimee.jpa.example;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.persistence.logging.AbstractSessionLog;
import org.eclipse.persistence.logging.SessionLog;
import org.eclipse.persistence.logging.SessionLogEntry;

/**
 * Test-only EclipseLink logger ({@code eclipselink.logging.logger}) that remembers the SQL statements sent to the
 * database, so a test can see that a filter reached the database instead of being evaluated over all rows.
 */
public class SqlLog extends AbstractSessionLog {

    private static final List<String> STATEMENTS = new CopyOnWriteArrayList<>();

    @Override
    public void log(SessionLogEntry entry) {
        if (SessionLog.SQL.equals(entry.getNameSpace()) && entry.getMessage() != null) {
            STATEMENTS.add(entry.getMessage());
        } else if (entry.getLevel() >= SessionLog.SEVERE) {
            System.err.println("EclipseLink: " + formatMessage(entry)
                    + (entry.getException() == null ? "" : " " + entry.getException().getMessage()));
        }
    }

    static void clear() {
        STATEMENTS.clear();
    }

    static List<String> statements() {
        return List.copyOf(STATEMENTS);
    }
}
