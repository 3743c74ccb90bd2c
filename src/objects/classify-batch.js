// @ts-check
// Plain JavaScript, type-checked from the JSDoc: the SQLite write thread runs it as it is, both
// under the compiled node and under the test runner's TypeScript sources.

/** @typedef {import('./objects.writer.js').BatchWrite} BatchWrite */
/** @typedef {import('./objects.writer.js').ExistingVersion} ExistingVersion */
/** @typedef {import('./objects.writer.js').WriteStatus} WriteStatus */
/** @typedef {import('./objects.writer.js').Classified} Classified */

/**
 * The key of one object version in maps.
 * @param {string} id
 * @param {number} versionUs
 * @returns {string}
 */
export const versionKey = (id, versionUs) => `${id}\u0000${versionUs}`;

/**
 * Decides each item's fate from what is stored; shared by both dialects' writers.
 * @param {BatchWrite} batch
 * @param {readonly ExistingVersion[]} existing
 * @returns {Classified}
 */
export function classifyBatch(batch, existing) {
  /** @type {Map<string, ExistingVersion[]>} */
  const stored = new Map();
  for (const row of existing) stored.set(row.id, [...(stored.get(row.id) ?? []), row]);
  /** @type {Map<string, string>} */
  const hashInBatch = new Map();
  /** @type {Set<string>} */
  const idsInBatch = new Set();
  /** @type {WriteStatus[]} */
  const statuses = [];
  /** @type {number[]} */
  const toInsert = [];
  /** @type {Set<string>} */
  const updatedIds = new Set();
  batch.items.forEach((item, index) => {
    const key = versionKey(item.id, item.versionUs);
    const versions = stored.get(item.id);
    const storedHash = versions?.find((v) => v.versionUs === item.versionUs)?.hash ?? hashInBatch.get(key);
    if (storedHash !== undefined) {
      statuses.push(storedHash === item.hash ? 'duplicate' : 'conflict');
    } else if (versions?.some((v) => v.originParty !== batch.originParty)) {
      statuses.push('not-originator');
    } else {
      const isNew = !versions && !idsInBatch.has(item.id);
      statuses.push(isNew ? 'new' : 'updated');
      if (!isNew) updatedIds.add(item.id);
      hashInBatch.set(key, item.hash);
      idsInBatch.add(item.id);
      toInsert.push(index);
    }
  });
  return { statuses, toInsert, updatedIds };
}
