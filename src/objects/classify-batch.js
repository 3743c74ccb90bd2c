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
  // Items inserted so far, by id: an index, or several when an id has more than one version in the
  // batch. Keyed by the id alone, which the items hold already: an import is nearly all new ids,
  // and a key made per item (id and version as one string) was a new string to build and hash.
  /** @type {Map<string, number | number[]>} */
  const inBatch = new Map();
  /** @param {string} id @param {number} versionUs */
  const hashInBatch = (id, versionUs) => {
    const at = inBatch.get(id);
    if (at === undefined) return undefined;
    for (const index of typeof at === 'number' ? [at] : at) {
      const earlier = batch.items[index];
      if (earlier?.versionUs === versionUs) return earlier.hash;
    }
    return undefined;
  };
  /** @type {WriteStatus[]} */
  const statuses = [];
  /** @type {number[]} */
  const toInsert = [];
  /** @type {Set<string>} */
  const updatedIds = new Set();
  batch.items.forEach((item, index) => {
    const versions = stored.get(item.id);
    const storedHash = versions?.find((v) => v.versionUs === item.versionUs)?.hash ?? hashInBatch(item.id, item.versionUs);
    if (storedHash !== undefined) {
      statuses.push(storedHash === item.hash ? 'duplicate' : 'conflict');
    } else if (versions?.some((v) => v.originParty !== batch.originParty)) {
      statuses.push('not-originator');
    } else {
      const before = inBatch.get(item.id);
      const isNew = !versions && before === undefined;
      statuses.push(isNew ? 'new' : 'updated');
      if (!isNew) updatedIds.add(item.id);
      inBatch.set(item.id, before === undefined ? index : [...(typeof before === 'number' ? [before] : before), index]);
      toInsert.push(index);
    }
  });
  return { statuses, toInsert, updatedIds };
}
