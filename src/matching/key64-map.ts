/**
 * A hash map from 64-bit keys (two uint32 halves) to int32 values in three typed arrays, with
 * linear probing at load ≤ 0.5. A million keys take 24 MB and no garbage-collected objects,
 * which is what lets the matching index hold a million indicators well under its memory budget.
 */
export class Key64Map {
  private his: Uint32Array;
  private los: Uint32Array;
  /** Stored value + 1 for values ≥ 0, the value itself when negative; 0 marks an empty cell. */
  private cells: Int32Array;
  private mask: number;
  size = 0;

  constructor(expected = 1024) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.his = new Uint32Array(capacity);
    this.los = new Uint32Array(capacity);
    this.cells = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  /** The value under (hi, lo), or undefined. */
  get(hi: number, lo: number): number | undefined {
    const { his, los, cells, mask } = this;
    for (let i = slotOf(hi, lo) & mask; ; i = (i + 1) & mask) {
      const cell = cells[i] ?? 0;
      if (cell === 0) return undefined;
      if (his[i] === hi && los[i] === lo) return cell > 0 ? cell - 1 : cell;
    }
  }

  set(hi: number, lo: number, value: number): void {
    if ((this.size + 1) * 2 > this.cells.length) this.grow();
    this.put(hi >>> 0, lo >>> 0, value >= 0 ? value + 1 : value);
  }

  /** Bytes the arrays occupy. */
  get bytes(): number {
    return this.cells.length * 12;
  }

  private put(hi: number, lo: number, cell: number): void {
    const { his, los, cells, mask } = this;
    for (let i = slotOf(hi, lo) & mask; ; i = (i + 1) & mask) {
      if ((cells[i] ?? 0) === 0) {
        his[i] = hi;
        los[i] = lo;
        cells[i] = cell;
        this.size++;
        return;
      }
      if (his[i] === hi && los[i] === lo) {
        cells[i] = cell;
        return;
      }
    }
  }

  private grow(): void {
    const { his, los, cells } = this;
    const capacity = cells.length * 2;
    this.his = new Uint32Array(capacity);
    this.los = new Uint32Array(capacity);
    this.cells = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.size = 0;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i] ?? 0;
      if (cell !== 0) this.put(his[i] ?? 0, los[i] ?? 0, cell);
    }
  }
}

/** Murmur3's finaliser over both halves: IPv4 keys (hi 0) spread as well as hashed ones. */
function slotOf(hi: number, lo: number): number {
  let h = Math.imul(hi ^ 0x9e3779b9, 0x85ebca6b) ^ lo;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Result registers of hash64, so the hot path allocates nothing. */
export const hashOut = { hi: 0, lo: 0 };

/**
 * A 64-bit hash of a string (two independent 32-bit multiplicative hashes), seeded per kind so
 * equal text of different kinds gets different keys. The top bit of `hi` is set: IPv4 keys,
 * whose `hi` is 0, can never collide with hashed ones.
 */
export function hash64(text: string, seed: number): void {
  let a = 0x811c9dc5 ^ seed;
  let b = 0x27d4eb2f ^ Math.imul(seed, 0x165667b1);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  b ^= b >>> 16;
  b = Math.imul(b, 0xc2b2ae35);
  b ^= b >>> 16;
  hashOut.hi = (a | 0x80000000) >>> 0;
  hashOut.lo = b >>> 0;
}
