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
  const merge = sqlite.prepare("insert into stix_text (stix_text, rank) values ('merge', ?)");
  const changes = sqlite.prepare('select total_changes()').pluck();
  return () => {
    const before = Number(changes.get());
    merge.run(BigInt(PAGES_PER_STEP));
    // FTS5's documented test: a merge that wrote nothing changes fewer than two rows.
    return Number(changes.get()) - before >= 2;
  };
}
