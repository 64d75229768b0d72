package io.edgeaudit.report.history;

import org.sqlite.SQLiteConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The history of scheduled runs in an SQLite database (xerial sqlite-jdbc): runs, the capture files
 * each analysed, and the findings each reported.
 *
 * <p>Consistency: a run is recorded by {@link #commit} in one immediate transaction, so
 * a run that dies before it (crash, kill, exception) leaves the database exactly as it was; SQLite's
 * journal rolls back a transaction cut short. Concurrent writers wait up to {@link #BUSY_TIMEOUT_MS}
 * for each other (busy timeout) instead of failing; {@link RunLock} additionally serialises whole
 * runs so two never analyse the same files. Not thread-safe: one store per run.
 */
public final class HistoryStore implements AutoCloseable {
    /** How long a writer waits for another's transaction, in milliseconds. */
    public static final int BUSY_TIMEOUT_MS = 60_000;
    private static final int SCHEMA_VERSION = 1;

    private final Connection db;

    private HistoryStore(Connection db) {
        this.db = db;
    }

    /**
     * Opens (creating when missing) the history database and its schema.
     *
     * @throws HistoryException when the file is not an SQLite database of this schema or cannot be opened
     */
    public static HistoryStore open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            SQLiteConfig config = new SQLiteConfig();
            config.setBusyTimeout(BUSY_TIMEOUT_MS);
            config.enforceForeignKeys(true);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            // The driver opens every transaction with BEGIN IMMEDIATE: the write lock is taken at the
            // start, so a run's reads and inserts inside commit() see one state of the database.
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS runs (run_id TEXT PRIMARY KEY, started_at TEXT NOT NULL, "
                        + "files INTEGER NOT NULL, findings INTEGER NOT NULL, added INTEGER NOT NULL, "
                        + "resolved INTEGER NOT NULL, exit_code INTEGER NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS files (path TEXT NOT NULL, size INTEGER NOT NULL, "
                        + "mtime_ms INTEGER NOT NULL, run_id TEXT NOT NULL REFERENCES runs(run_id), "
                        + "PRIMARY KEY (path, size, mtime_ms))");
                s.execute("CREATE TABLE IF NOT EXISTS findings (run_id TEXT NOT NULL REFERENCES runs(run_id), "
                        + "kind TEXT NOT NULL, rule_id TEXT NOT NULL, endpoints TEXT NOT NULL, count INTEGER NOT NULL, "
                        + "first_seen TEXT NOT NULL, PRIMARY KEY (run_id, kind, rule_id, endpoints))");
                s.execute("INSERT OR IGNORE INTO meta VALUES ('schema', '" + SCHEMA_VERSION + "')");
            }
            HistoryStore store = new HistoryStore(c);
            store.checkSchema(file);
            return store;
        } catch (SQLException | java.io.IOException e) {
            throw new HistoryException(file + ": cannot open the history database: " + e.getMessage(), e);
        }
    }

    private void checkSchema(Path file) throws SQLException {
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT value FROM meta WHERE name = 'schema'")) {
            String v = r.next() ? r.getString(1) : "";
            if (!Integer.toString(SCHEMA_VERSION).equals(v)) {
                throw new HistoryException(file + ": history schema version " + v + " (expected: " + SCHEMA_VERSION + ")", null);
            }
        }
    }

    /** The most recent committed run, by start time. */
    public Optional<RunRecord> lastRun() {
        List<RunRecord> all = runs();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Every committed run, oldest first. */
    public List<RunRecord> runs() {
        List<RunRecord> out = new ArrayList<>();
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT run_id, started_at, files, findings, added, resolved, exit_code "
                     + "FROM runs ORDER BY started_at, run_id")) {
            while (r.next()) {
                out.add(new RunRecord(r.getString(1), Instant.parse(r.getString(2)), r.getInt(3), r.getInt(4),
                        r.getInt(5), r.getInt(6), r.getInt(7)));
            }
            return out;
        } catch (SQLException e) {
            throw new HistoryException("cannot read runs: " + e.getMessage(), e);
        }
    }

    /** The findings a run recorded, sorted by key. */
    public List<StoredFinding> findings(String runId) {
        List<StoredFinding> out = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement("SELECT kind, rule_id, endpoints, count, first_seen "
                + "FROM findings WHERE run_id = ? ORDER BY kind, rule_id, endpoints")) {
            p.setString(1, runId);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new StoredFinding(new FindingKey(r.getString(1), r.getString(2), r.getString(3)),
                            r.getInt(4), r.getString(5)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new HistoryException("cannot read findings of run " + runId + ": " + e.getMessage(), e);
        }
    }

    /** Every file a committed run analysed. */
    public Set<FileStamp> analysedFiles() {
        Set<FileStamp> out = new HashSet<>();
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT path, size, mtime_ms FROM files")) {
            while (r.next()) {
                out.add(new FileStamp(r.getString(1), r.getLong(2), r.getLong(3)));
            }
            return out;
        } catch (SQLException e) {
            throw new HistoryException("cannot read analysed files: " + e.getMessage(), e);
        }
    }

    /**
     * Records a run, its files and its findings in one transaction: all of it or nothing.
     *
     * @throws HistoryException when the run id exists already, a file was recorded by another run in
     *                          the meantime, or the database fails; the database is then unchanged
     */
    public void commit(RunRecord run, List<FileStamp> files, List<StoredFinding> findings) {
        try {
            db.setAutoCommit(false);
            try {
                insert(run, files, findings);
                db.commit();
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new HistoryException("cannot record run " + run.runId() + ": " + e.getMessage(), e);
        } finally {
            try {
                db.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the connection is closing or broken; the next call reports it
            }
        }
    }

    private void insert(RunRecord run, List<FileStamp> files, List<StoredFinding> findings) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, run.runId());
            p.setString(2, run.startedAt().toString());
            p.setInt(3, run.files());
            p.setInt(4, run.findings());
            p.setInt(5, run.added());
            p.setInt(6, run.resolved());
            p.setInt(7, run.exitCode());
            p.executeUpdate();
        }
        try (PreparedStatement p = db.prepareStatement("INSERT INTO files VALUES (?, ?, ?, ?)")) {
            for (FileStamp f : files) {
                p.setString(1, f.path());
                p.setLong(2, f.size());
                p.setLong(3, f.mtimeMillis());
                p.setString(4, run.runId());
                p.addBatch();
            }
            p.executeBatch();
        }
        try (PreparedStatement p = db.prepareStatement("INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?)")) {
            for (StoredFinding f : findings) {
                p.setString(1, run.runId());
                p.setString(2, f.key().kind());
                p.setString(3, f.key().ruleId());
                p.setString(4, f.key().endpoints());
                p.setInt(5, f.count());
                p.setString(6, f.firstSeen());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new HistoryException("cannot close the history database: " + e.getMessage(), e);
        }
    }
}
