/**
 * Merges the SQLite search index's segments once writing has stopped for a while.
 *
 * FTS5 merges segments as it writes by default ("automerge"): each batch's commit merged part of
 * the segments earlier batches left, so an import paid for the index's upkeep on the write thread,
 * its bottleneck. Automerge is off (migration 20261202090000); FTS5 still merges sixteen segments
 * of one level at once when they pile up ("crisismerge"), which bounds what a search reads until
 * this upkeep has run. Every row is searchable as soon as its batch commits either way: merging
 * only makes the index smaller and quicker to read.
 */
export class TextIndexUpkeep {
  private timer: NodeJS.Timeout | undefined;
  private merging: Promise<void> | undefined;
  /** Writes seen so far: merging gives way as soon as this moves. */
  private writes = 0;
  /** When the upkeep began waiting for quiet (undefined while it is not waiting). */
  private waitingSince: number | undefined;
  private stopped = false;

  /**
   * `step` merges a little and says whether there may be more; `quietMs` is how long no write
   * must have come before merging starts. Writes that never pause for that long (a busy
   * federation) hold merging off for `longestWaitMs` at most: it then runs to the end, each step
   * taking its turn on the connection between their batches.
   */
  constructor(
    private readonly step: () => Promise<boolean>,
    private readonly quietMs: number,
    private readonly onError: (error: unknown) => void,
    private readonly longestWaitMs = 30_000,
  ) {}

  /** Waits for quiet, then merges: at start-up, a process that stopped may have left segments. */
  start(): void {
    this.wait();
  }

  /** A batch is being written: merging stops after its current step, and waits for quiet again. */
  wrote(): void {
    this.writes++;
    const waited = this.waitingSince === undefined ? 0 : Date.now() - this.waitingSince;
    if (waited < this.longestWaitMs) this.wait();
  }

  /** Resolves once the merging under way, if any, has run to the end or given way to a write. */
  settled(): Promise<void> {
    return this.merging ?? Promise.resolve();
  }

  /** Stops waiting and merging; resolves once the step under way has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.merging;
  }

  private wait(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.waitingSince ??= Date.now();
    this.timer = setTimeout(() => this.merge(), this.quietMs);
    // A command that has finished its work must not stay alive for the index's sake.
    this.timer.unref();
  }

  private merge(): void {
    // A step still under way (it outlasted the quiet period) ends the run it belongs to.
    if (this.merging) return this.wait();
    const waited = Date.now() - (this.waitingSince ?? Date.now());
    this.waitingSince = undefined;
    const overdue = waited >= this.longestWaitMs;
    const writes = this.writes;
    this.merging = (async () => {
      try {
        while (!this.stopped && (overdue || this.writes === writes) && (await this.step()));
      } catch (error) {
        // Left as it is, the index is still whole; the next quiet period tries again.
        this.onError(error);
      } finally {
        this.merging = undefined;
      }
    })();
  }
}
