import { ipv4Network, ipv6Network, formatIpv6, parseIp, parseIpv4 } from '../correlation/observables/ip.js';
import {
  observableKinds,
  type Observable,
  type ObservableKind,
} from '../correlation/observables/observable.js';
import type { IndicatorPlan } from './indicator-plan.js';
import { hash64, hashOut, Key64Map } from './key64-map.js';

/** Refs at or above this point name a multi-term alternative rather than an indicator slot. */
const MULTI = 2 ** 30;
const SEEDS = Object.fromEntries(
  observableKinds.map((kind, i) => [kind, Math.imul(i + 1, 0x9e3779b1)]),
) as Record<ObservableKind, number>;
const isHexKind = (kind: ObservableKind) =>
  kind === 'sha256' || kind === 'md5' || kind === 'sha1' || kind === 'sha512';

/** A slow-path indicator: its slot and compiled pattern. */
export interface SlowIndicator {
  readonly slot: number;
  readonly plan: Extract<IndicatorPlan, { kind: 'slow' }>;
}

/**
 * The in-memory matching index of indicators. Every equality value is a 64-bit key in one typed
 * array hash map (IPv4 addresses are their own number; hashes their first 64 bits; other text a
 * 64-bit hash) pointing at indicator slots; address blocks sit in per-prefix tables. It keeps no
 * strings: a hit is verified against the indicator's pattern when the indicator is loaded.
 * Superseded indicators are marked dead and skipped; the owner rebuilds when many are dead.
 */
export class MatchIndex {
  private readonly keys: Key64Map;
  private readonly lists: number[][] = [];
  private readonly v4Blocks = new Map<number, Map<number, number[]>>();
  private readonly v6Blocks = new Map<number, Map<string, number[]>>();
  private v4Prefixes: number[] = [];
  private v6Prefixes: number[] = [];
  private seqs: Float64Array;
  private alive: Uint8Array;
  private readonly late = new Map<number, number>();
  private readonly multiSlot: number[] = [];
  private readonly multiNeed: number[] = [];
  private readonly slowBySlot = new Map<number, SlowIndicator>();
  slots = 0;
  dead = 0;
  /** The highest seq added. */
  maxSeq = 0;

  constructor(expected = 1024) {
    this.keys = new Key64Map(expected);
    this.seqs = new Float64Array(Math.max(16, expected));
    this.alive = new Uint8Array(Math.max(16, expected));
  }

  get live(): number {
    return this.slots - this.dead;
  }

  get slow(): Iterable<SlowIndicator> {
    return this.slowBySlot.values();
  }

  /** Approximate bytes of the index's own arrays (the typed arrays and posting lists). */
  get bytes(): number {
    return (
      this.keys.bytes +
      this.seqs.byteLength +
      this.alive.byteLength +
      this.lists.length * 48 +
      this.multiSlot.length * 16
    );
  }

  seqOf(slot: number): number {
    return this.seqs[slot] ?? -1;
  }

  isAlive(slot: number): boolean {
    return this.alive[slot] === 1;
  }

  /** Adds one indicator version; returns its slot, or -1 when the plan matches nothing. */
  add(seq: number, plan: IndicatorPlan): number {
    if (plan.kind === 'none') return -1;
    const slot = this.newSlot(seq);
    if (plan.kind === 'slow') {
      this.slowBySlot.set(slot, { slot, plan });
      return slot;
    }
    for (const alternative of plan.alternatives) {
      let ref = slot;
      if (alternative.length > 1) {
        ref = MULTI + this.multiSlot.length;
        this.multiSlot.push(slot);
        this.multiNeed.push(alternative.length);
      }
      for (const o of alternative) this.addRef(o, ref);
    }
    return slot;
  }

  /** Marks the indicator version stored under `seq` dead; false when it is not in the index. */
  remove(seq: number): boolean {
    const slot = this.slotOf(seq);
    if (slot < 0 || this.alive[slot] !== 1) return false;
    this.alive[slot] = 0;
    this.dead++;
    this.slowBySlot.delete(slot);
    return true;
  }

  has(seq: number): boolean {
    const slot = this.slotOf(seq);
    return slot >= 0 && this.alive[slot] === 1;
  }

  /**
   * Calls `hit(slot, term)` for each live indicator matched by one observation (a set of
   * distinct observables); `term` is the index of an observable that matched.
   */
  matchObservation(observables: readonly Observable[], hit: (slot: number, term: number) => void): void {
    // Conjunctions: which observables of this observation met each alternative's terms so far.
    let partial: Map<number, number[]> | undefined;
    for (let i = 0; i < observables.length; i++) {
      const o = observables[i];
      if (!o) continue;
      const count = this.lookup(o);
      for (let k = 0; k < count; k++) {
        const ref = this.found[k] ?? 0;
        if (ref < MULTI) {
          if (this.alive[ref] === 1) hit(ref, i);
          continue;
        }
        const m = ref - MULTI;
        partial ??= new Map();
        const terms = partial.get(m) ?? [];
        if (terms.at(-1) === i) continue; // one observable meets one term (an address and its block are one)
        terms.push(i);
        partial.set(m, terms);
        const slot = this.multiSlot[m] ?? -1;
        if (terms.length === this.multiNeed[m] && this.alive[slot] === 1) for (const t of terms) hit(slot, t);
      }
    }
  }

  /** Refs found by the last lookup (a reused buffer: the hot path allocates nothing). */
  private found: number[] = [];
  private foundCount = 0;

  /**
   * Collects in `found` every ref the observable's value (or a block containing it) points at;
   * returns how many.
   */
  lookup(o: Observable): number {
    this.foundCount = 0;
    if (o.kind === 'ipv4-addr') {
      const address = o.value.indexOf('/') < 0 ? parseIpv4(o.value) : -1;
      if (address >= 0) {
        this.emit(this.keys.get(0, address));
        for (const p of this.v4Prefixes) this.emitList(this.v4Blocks.get(p)?.get(ipv4Network(address, p)));
        return this.foundCount;
      }
    }
    if (o.kind === 'ipv6-addr' || o.kind === 'ipv4-addr') this.lookupBlock(o);
    if (this.keyOf(o)) this.emit(this.keys.get(hashOut.hi, hashOut.lo));
    return this.foundCount;
  }

  /** The refs of the last lookup. */
  refs(): number[] {
    return this.found.slice(0, this.foundCount);
  }

  private lookupBlock(o: Observable): void {
    const ip = parseIp(o.value);
    if (!ip) return;
    if (ip.family === 4) {
      for (const p of this.v4Prefixes)
        if (p < ip.prefix) this.emitList(this.v4Blocks.get(p)?.get(ipv4Network(ip.address, p)));
    } else {
      for (const p of this.v6Prefixes)
        if (p <= ip.prefix) this.emitList(this.v6Blocks.get(p)?.get(formatIpv6(ipv6Network(ip.groups, p))));
    }
  }

  private emit(cell: number | undefined): void {
    if (cell === undefined) return;
    if (cell >= 0) this.found[this.foundCount++] = cell;
    else this.emitList(this.lists[-cell - 1]);
  }

  private emitList(list: readonly number[] | undefined): void {
    if (list) for (const ref of list) this.found[this.foundCount++] = ref;
  }

  private addRef(o: Observable, ref: number): void {
    if (o.kind === 'ipv4-addr' || o.kind === 'ipv6-addr') {
      const ip = parseIp(o.value);
      if (!ip) return;
      if (ip.family === 4 && ip.prefix === 32) return this.addKey(0, ip.address, ref);
      if (ip.family === 4) {
        this.v4Prefixes = addPrefix(this.v4Prefixes, ip.prefix);
        return pushList(blocksFor(this.v4Blocks, ip.prefix), ip.address, ref);
      }
      if (ip.prefix < 128) {
        this.v6Prefixes = addPrefix(this.v6Prefixes, ip.prefix);
        return pushList(blocksFor(this.v6Blocks, ip.prefix), formatIpv6(ip.groups), ref);
      }
    }
    if (this.keyOf(o)) this.addKey(hashOut.hi, hashOut.lo, ref);
  }

  private addKey(hi: number, lo: number, ref: number): void {
    const cell = this.keys.get(hi, lo);
    if (cell === undefined) this.keys.set(hi, lo, ref);
    else if (cell >= 0) {
      this.lists.push([cell, ref]);
      this.keys.set(hi, lo, -this.lists.length);
    } else this.lists[-cell - 1]?.push(ref);
  }

  /** Puts the observable's 64-bit key in hashOut; hex hashes use their first 64 bits directly. */
  private keyOf(o: Observable): boolean {
    const seed = SEEDS[o.kind];
    if (isHexKind(o.kind) && o.value.length >= 16) {
      const hi = parseInt(o.value.slice(0, 8), 16);
      const lo = parseInt(o.value.slice(8, 16), 16);
      if (Number.isNaN(hi) || Number.isNaN(lo)) return false;
      hashOut.hi = ((hi ^ seed) | 0x80000000) >>> 0;
      hashOut.lo = lo >>> 0;
      return true;
    }
    hash64(o.value, seed);
    return true;
  }

  private newSlot(seq: number): number {
    const slot = this.slots++;
    if (slot >= this.seqs.length) {
      const seqs = new Float64Array(this.seqs.length * 2);
      seqs.set(this.seqs);
      this.seqs = seqs;
      const alive = new Uint8Array(this.alive.length * 2);
      alive.set(this.alive);
      this.alive = alive;
    }
    this.seqs[slot] = seq;
    this.alive[slot] = 1;
    // Slots are in seq order so a seq finds its slot by bisection; a late (lower) seq goes aside.
    if (seq < this.maxSeq) this.late.set(seq, slot);
    else this.maxSeq = seq;
    return slot;
  }

  private slotOf(seq: number): number {
    const late = this.late.get(seq);
    if (late !== undefined) return late;
    let lo = 0;
    let hi = this.slots - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const value = this.seqs[mid] ?? 0;
      if (this.late.get(value) === mid) {
        // A late slot breaks the order; they are rare, so the range is scanned.
        for (let i = lo; i <= hi; i++) if (this.seqs[i] === seq) return i;
        return -1;
      }
      if (value === seq) return mid;
      if (value < seq) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}

function blocksFor<K>(maps: Map<number, Map<K, number[]>>, prefix: number): Map<K, number[]> {
  let map = maps.get(prefix);
  if (!map) {
    map = new Map();
    maps.set(prefix, map);
  }
  return map;
}

function pushList<K>(map: Map<K, number[]>, key: K, ref: number): void {
  const list = map.get(key);
  if (list) list.push(ref);
  else map.set(key, [ref]);
}

function addPrefix(prefixes: number[], prefix: number): number[] {
  return prefixes.includes(prefix) ? prefixes : [...prefixes, prefix].sort((a, b) => a - b);
}
