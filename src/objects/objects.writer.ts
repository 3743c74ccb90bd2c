import type { PreparedObject } from './object-row.js';

/** One object version ready to be written: its row plus what the release policy and search need. */
export interface WriteItem extends PreparedObject {
  readonly tlp: string | null;
  readonly name: string | null;
  readonly description: string | null;
}

/**
 * new: first version of the id; updated: a further version; duplicate: this exact version is
 * already stored; conflict: the same version is stored with different content; not-originator:
 * a new version of an object that another Party (or this node) originated.
 */
export type WriteStatus = 'new' | 'updated' | 'duplicate' | 'conflict' | 'not-originator';

export interface WriteResult {
  readonly status: WriteStatus;
  readonly seq: number | undefined;
  /** Set when this call added the version to the collection. */
  readonly dateAddedUs: number | undefined;
}

export interface BatchWrite {
  readonly collectionId: string;
  /** The Party whose node sent these objects; null for this node's own users. */
  readonly originParty: string | null;
  readonly nowUs: number;
  readonly items: readonly WriteItem[];
  /** The caller is validating more of the same stream while this batch is written. */
  readonly followed?: boolean;
}

/**
 * Writes a batch of object versions and their collection membership in one transaction:
 * either all of the batch's effects are stored or none (the kill-mid-import guarantee).
 */
export interface ObjectWriter {
  write(batch: BatchWrite): Promise<WriteResult[]>;
  /**
   * Batches are written one at a time in the order `write` was called, so a caller may hand over
   * the next before the last is written (SQLite's single writer). PostgreSQL's batches run as
   * concurrent transactions once handed over.
   */
  readonly ordered: boolean;
  /**
   * A stream of batches begins (an import, a large TAXII add): the writer may get ready for it
   * while the caller checks the first batch.
   */
  streamStarts?(): void;
  /** Resolves once the search text of every batch written so far is indexed. */
  indexed(): Promise<void>;
  /** Indexes search text a stopped process left unwritten; returns how many batches. */
  recover(): Promise<number>;
}

/** What the writer knows of an id before the batch: its versions and who originated it. */
export interface ExistingVersion {
  readonly id: string;
  readonly versionUs: number;
  readonly hash: string;
  readonly originParty: string | null;
}

export interface Classified {
  readonly statuses: WriteStatus[];
  /** Indexes into the batch of the items to insert as new rows. */
  readonly toInsert: number[];
  /** Ids that gained a version besides their first and need their latest flag recomputed. */
  readonly updatedIds: Set<string>;
}

// Plain JavaScript so that the SQLite write thread can run it unchanged (see sqlite-write-thread.js).
export { classifyBatch, versionKey } from './classify-batch.js';
