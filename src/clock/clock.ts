/** The source of "now" for everything time-dependent, so deadlines and tests can move it. */
export interface Clock {
  now(): Date;
  /** Microseconds since the Unix epoch; TAXII timestamps carry microseconds. */
  nowMicros(): number;
}

export const systemClock: Clock = {
  now: () => new Date(),
  nowMicros: () => Math.floor((performance.timeOrigin + performance.now()) * 1000),
};

/** A clock shifted by a fixed offset from the system clock (time travel in tests and drills). */
export function offsetClock(offsetMs: () => number): Clock {
  return {
    now: () => new Date(Date.now() + offsetMs()),
    nowMicros: () => systemClock.nowMicros() + Math.round(offsetMs() * 1000),
  };
}

/** A clock that only moves when told to. */
export class ManualClock implements Clock {
  private micros: number;
  constructor(start: Date | string) {
    this.micros = new Date(start).getTime() * 1000;
  }
  now(): Date {
    return new Date(Math.floor(this.micros / 1000));
  }
  nowMicros(): number {
    return this.micros;
  }
  advance(ms: number): void {
    this.micros += Math.round(ms * 1000);
  }
  set(to: Date | string): void {
    this.micros = new Date(to).getTime() * 1000;
  }
}
