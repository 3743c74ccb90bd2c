// @ts-check
// Plain JavaScript, type-checked from the JSDoc, so that the write thread and the main connection
// run the same merge (see text-index-upkeep.ts).

/** @typedef {import('better-sqlite3').Database} Connection */

/**
 * Leaf pages one step merges: a few milliseconds of work, so that a batch arriving meanwhile
 * waits for little more than that.
 */
const PAGES_PER_STEP = 64;

/**
 * Returns one step of merging the search index's segments, which says whether there may be more
 * to do. Positive page counts merge only levels holding `usermerge` (4) segments or more, so
 * merging ends where FTS5's own automatic merging would have left the index.
 * @param {Connection} sqlite
 * @returns {() => boolean}
 */
export function textIndexMerger(sqlite) {
  // Prepared at the first step, not with the writer: the statement needs the search index as FTS5
  // made it, and the storage benchmark swaps it for a plain table to measure what it costs.
  /** @type {{ merge: import('better-sqlite3').Statement, changes: import('better-sqlite3').Statement } | undefined} */
  let statements;
  return () => {
    statements ??= {
      merge: sqlite.prepare("insert into stix_text (stix_text, rank) values ('merge', ?)"),
      changes: sqlite.prepare('select total_changes()').pluck(),
    };
    const { merge, changes } = statements;
    const before = Number(changes.get());
    merge.run(BigInt(PAGES_PER_STEP));
    // FTS5's documented test: a merge that wrote nothing changes fewer than two rows.
    return Number(changes.get()) - before >= 2;
  };
}
