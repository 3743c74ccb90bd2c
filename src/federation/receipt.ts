import { canonicalJson } from '../objects/object-row.js';

/** What a receiving node signs for each bundle: which versions it stored and how. */
export interface Receipt {
  readonly type: 'accord-receipt';
  readonly bundle_id: string;
  readonly bundle_sha256: string;
  readonly from: string;
  readonly to: string;
  readonly received: string;
  readonly results: ReadonlyArray<{ readonly id: string; readonly version: string | null; readonly status: string }>;
}

export const RECEIPT_TYPE = 'accord-receipt+jws';
export const BUNDLE_TYPE = 'accord-bundle+jws';
export const CHECKPOINT_TYPE = 'accord-checkpoint+jws';

/** The canonical text of a receipt (built with its members in canonical order, so it needs no sorting). */
export function receiptText(receipt: Receipt): string {
  return canonicalJson(receipt);
}

/** A signed summary of the channel with one peer at a moment, exchanged to compare views. */
export interface Checkpoint {
  readonly type: 'accord-checkpoint';
  readonly from: string;
  readonly to: string;
  readonly at: string;
  readonly sent: { readonly count: number; readonly head: string };
  readonly received: { readonly count: number; readonly head: string };
}
