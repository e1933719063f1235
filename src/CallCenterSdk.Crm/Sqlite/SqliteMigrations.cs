namespace CallCenterSdk.Crm.Sqlite;

/// <summary>
/// The SQLite schema as ordered migrations; the database's <c>PRAGMA user_version</c> is the last one
/// applied. Never edit a released migration: add a new one. Versions 1-3 match PostgreSQL's; SQLite's 4 is
/// PostgreSQL's 5 (PostgreSQL's 4 partitions its CDR table, which SQLite does not need).
/// </summary>
internal static class SqliteMigrations
{
    public static IReadOnlyList<(int Version, string Description, string Sql)> All { get; } =
    [
        (1, "customers, contacts, CDRs, recordings, tickets", """
            CREATE TABLE tenant_settings(
              tenant TEXT PRIMARY KEY, country_code TEXT NOT NULL, national_prefix TEXT NOT NULL, international_prefix TEXT NOT NULL);
            CREATE TABLE custom_fields(
              tenant TEXT NOT NULL, name TEXT NOT NULL, type INTEGER NOT NULL, required INTEGER NOT NULL,
              PRIMARY KEY(tenant, name)) WITHOUT ROWID;
            CREATE TABLE customers(
              id INTEGER PRIMARY KEY, tenant TEXT NOT NULL, name TEXT NOT NULL, company TEXT, email TEXT,
              fields TEXT NOT NULL DEFAULT '{}', created_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL);
            CREATE INDEX ix_customers_tenant ON customers(tenant, id);
            CREATE TABLE customer_phones(
              tenant TEXT NOT NULL, e164 TEXT NOT NULL, customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
              position INTEGER NOT NULL, PRIMARY KEY(tenant, e164)) WITHOUT ROWID;
            CREATE INDEX ix_customer_phones_customer ON customer_phones(customer_id);
            CREATE TABLE contacts(
              id INTEGER PRIMARY KEY, tenant TEXT NOT NULL, customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
              at_ms INTEGER NOT NULL, channel INTEGER NOT NULL, inbound INTEGER NOT NULL, agent TEXT, call_id TEXT, summary TEXT NOT NULL);
            CREATE INDEX ix_contacts_customer ON contacts(tenant, customer_id, at_ms);
            CREATE TABLE cdrs(
              id INTEGER PRIMARY KEY, tenant TEXT NOT NULL, call_id TEXT NOT NULL, leg_id TEXT NOT NULL, linked_id TEXT,
              direction INTEGER NOT NULL, caller_number TEXT, caller_name TEXT, called_number TEXT,
              started_ms INTEGER NOT NULL, answered_ms INTEGER, ended_ms INTEGER NOT NULL,
              duration_s INTEGER NOT NULL, billable_s INTEGER NOT NULL, disposition INTEGER NOT NULL,
              sip_code INTEGER, q850_cause INTEGER, queue TEXT, agent TEXT,
              queue_wait_s INTEGER NOT NULL, hold_s INTEGER NOT NULL, wrap_up_s INTEGER NOT NULL, transferred INTEGER NOT NULL,
              ivr_path TEXT, recording_id TEXT, codec TEXT, jitter_ms REAL, loss_pct REAL, mos REAL, variables TEXT);
            CREATE INDEX ix_cdrs_time ON cdrs(tenant, started_ms);
            CREATE INDEX ix_cdrs_caller ON cdrs(tenant, caller_number, started_ms);
            CREATE INDEX ix_cdrs_called ON cdrs(tenant, called_number, started_ms);
            CREATE INDEX ix_cdrs_agent ON cdrs(tenant, agent, started_ms);
            CREATE INDEX ix_cdrs_call ON cdrs(tenant, call_id);
            CREATE TABLE recordings(
              id INTEGER PRIMARY KEY, tenant TEXT NOT NULL, recording_id TEXT NOT NULL, call_id TEXT NOT NULL, agent TEXT, queue TEXT,
              caller_number TEXT, started_ms INTEGER NOT NULL, duration_s INTEGER NOT NULL, format TEXT NOT NULL, location TEXT NOT NULL,
              size_bytes INTEGER NOT NULL, retain_until_ms INTEGER NOT NULL, UNIQUE(tenant, recording_id));
            CREATE INDEX ix_recordings_time ON recordings(tenant, started_ms);
            CREATE INDEX ix_recordings_retention ON recordings(tenant, retain_until_ms);
            CREATE TABLE recording_access(
              id INTEGER PRIMARY KEY, tenant TEXT NOT NULL, recording_id TEXT NOT NULL, user_id TEXT NOT NULL, role INTEGER NOT NULL,
              kind INTEGER NOT NULL, at_ms INTEGER NOT NULL, granted INTEGER NOT NULL);
            CREATE INDEX ix_recording_access ON recording_access(tenant, recording_id, id);
            CREATE TABLE tickets(
              id INTEGER PRIMARY KEY, tenant TEXT NOT NULL, kind INTEGER NOT NULL, priority INTEGER NOT NULL, status INTEGER NOT NULL,
              subject TEXT NOT NULL, description TEXT NOT NULL, customer_id INTEGER, call_id TEXT, assignee TEXT,
              escalation_level INTEGER NOT NULL, next_escalation_ms INTEGER, created_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL);
            CREATE INDEX ix_tickets_tenant ON tickets(tenant, id);
            CREATE INDEX ix_tickets_due ON tickets(tenant, next_escalation_ms);
            CREATE TABLE ticket_events(
              id INTEGER PRIMARY KEY, tenant TEXT NOT NULL, ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
              at_ms INTEGER NOT NULL, actor TEXT NOT NULL, kind INTEGER NOT NULL, from_value TEXT, to_value TEXT, note TEXT);
            CREATE INDEX ix_ticket_events ON ticket_events(tenant, ticket_id, id);
            """),
        (2, "knowledge base with FTS5, agent-state spans for occupancy", """
            CREATE TABLE kb_articles(
              id INTEGER PRIMARY KEY, tenant TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, tags TEXT NOT NULL, updated_ms INTEGER NOT NULL);
            CREATE INDEX ix_kb_tenant ON kb_articles(tenant, id);
            CREATE VIRTUAL TABLE kb_fts USING fts5(title, body, tags, content='kb_articles', content_rowid='id', tokenize='porter unicode61');
            CREATE TRIGGER kb_ai AFTER INSERT ON kb_articles BEGIN
              INSERT INTO kb_fts(rowid, title, body, tags) VALUES (new.id, new.title, new.body, new.tags);
            END;
            CREATE TRIGGER kb_ad AFTER DELETE ON kb_articles BEGIN
              INSERT INTO kb_fts(kb_fts, rowid, title, body, tags) VALUES ('delete', old.id, old.title, old.body, old.tags);
            END;
            CREATE TRIGGER kb_au AFTER UPDATE ON kb_articles BEGIN
              INSERT INTO kb_fts(kb_fts, rowid, title, body, tags) VALUES ('delete', old.id, old.title, old.body, old.tags);
              INSERT INTO kb_fts(rowid, title, body, tags) VALUES (new.id, new.title, new.body, new.tags);
            END;
            CREATE TABLE agent_states(
              id INTEGER PRIMARY KEY, tenant TEXT NOT NULL, agent TEXT NOT NULL, state INTEGER NOT NULL,
              started_ms INTEGER NOT NULL, ended_ms INTEGER NOT NULL);
            CREATE INDEX ix_agent_states_time ON agent_states(tenant, started_ms);
            """),
        (3, "CDR survey score; queue index", """
            ALTER TABLE cdrs ADD COLUMN survey_score INTEGER;
            CREATE INDEX ix_cdrs_queue ON cdrs(tenant, queue, started_ms);
            """),
        // Reports compute ASA and the thresholds from the wait the ACD measured, so the CDR keeps it to the millisecond.
        // Rows written before keep their whole seconds, as milliseconds (no index holds the column: one pass over the table).
        (4, "CDR queue wait in milliseconds", """
            ALTER TABLE cdrs RENAME COLUMN queue_wait_s TO queue_wait_ms;
            UPDATE cdrs SET queue_wait_ms = queue_wait_ms * 1000;
            """),
    ];

    public static int Latest => All[^1].Version;
}
