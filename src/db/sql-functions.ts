import type SQLite from 'better-sqlite3';

/**
 * `accord_folded_contains(text, part)`: whether `text` holds `part`, letter case aside in every
 * script. SQLite's own lower() and LIKE fold ASCII letters only, while the trigram search index
 * folds Cyrillic and the rest too; the search checks its candidates with this.
 */
export const FOLDED_CONTAINS = 'accord_folded_contains';

/** Adds Accord's SQL functions to a SQLite connection (each connection that runs queries). */
export function addSqlFunctions(sqlite: SQLite.Database): void {
  sqlite.function(FOLDED_CONTAINS, { deterministic: true }, (text: unknown, part: unknown) =>
    typeof text === 'string' && typeof part === 'string' && text.toLowerCase().includes(part.toLowerCase()) ? 1 : 0,
  );
}
