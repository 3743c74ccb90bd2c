import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig, type TransactionSettings } from 'kysely';

/**
 * Kysely's SQLite dialect, with transactions that take the write lock when they begin. Kysely
 * begins deferred: a transaction that reads and then writes asks for the write lock only at its
 * first write, and if another connection (the node's write thread, a CLI command beside a running
 * node) wrote in between, SQLite refuses at once with SQLITE_BUSY_SNAPSHOT, without waiting out the
 * busy timeout. `accord keys rotate` beside a running node failed so, as "database is locked".
 * Beginning immediate makes it wait its turn instead. A transaction set read-only stays deferred,
 * so a long read (ledger verification) does not hold writers back.
 */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection, settings?: TransactionSettings): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(settings?.accessMode === 'read only' ? 'begin' : 'begin immediate'));
  }
}
