import { describe, expect, it } from 'vitest';
import { TextIndexUpkeep } from './text-index-upkeep.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `condition` holds (timers here are real, and a loaded machine runs them late). */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await pause(5);
  }
}

/** Merge work of `steps` steps in all; `during(step)` runs inside each step, as a write arriving would. */
function mergeWork(steps: number, during: (step: number) => void = () => undefined) {
  const done = { steps: 0 };
  const step = async (): Promise<boolean> => {
    await pause(2);
    done.steps++;
    during(done.steps);
    return done.steps < steps;
  };
  return { done, step };
}

const unexpected = (error: unknown): never => {
  throw error;
};

describe('the search index upkeep', () => {
  it('merges only after writes have stopped for the quiet period, and then to the end', async () => {
    const work = mergeWork(5);
    const upkeep = new TextIndexUpkeep(work.step, 300, unexpected);
    upkeep.start();
    for (let i = 0; i < 5; i++) {
      await pause(10);
      upkeep.wrote();
    }
    expect(work.done.steps).toBe(0);
    await until(() => work.done.steps === 5, 'all five steps ran');
    await upkeep.settled();
    await upkeep.stop();
  });

  it('gives way to a write after the step under way, and takes up again at the next quiet', async () => {
    const work = mergeWork(10, (step) => {
      if (step === 3) upkeep.wrote();
    });
    const upkeep = new TextIndexUpkeep(work.step, 200, unexpected);
    upkeep.start();
    await until(() => work.done.steps >= 3, 'three steps ran');
    await upkeep.settled();
    expect(work.done.steps).toBe(3);
    await until(() => work.done.steps === 10, 'the rest ran after the quiet period');
    await upkeep.stop();
  });

  it('merges to the end, between writes, when writes have not paused for the longest wait', async () => {
    const work = mergeWork(20);
    const upkeep = new TextIndexUpkeep(work.step, 50, unexpected, 200);
    upkeep.start();
    const writing = setInterval(() => upkeep.wrote(), 10);
    try {
      await until(() => work.done.steps === 20, 'all twenty steps ran');
    } finally {
      clearInterval(writing);
    }
    await upkeep.stop();
  });

  it('reports a failed step and tries again at the next quiet period', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const upkeep = new TextIndexUpkeep(async () => {
      calls++;
      if (calls === 1) throw new Error('database is locked');
      return false;
    }, 10, (e) => errors.push(e));
    upkeep.start();
    await until(() => errors.length === 1, 'the failure was reported');
    expect(errors.map(String)).toEqual(['Error: database is locked']);
    upkeep.wrote();
    await until(() => calls === 2, 'merging was tried again');
    await upkeep.settled();
    expect(errors).toHaveLength(1);
    await upkeep.stop();
  });

  it('stops with the step under way finished, and merges no more after', async () => {
    const work = mergeWork(1000);
    const upkeep = new TextIndexUpkeep(work.step, 5, unexpected);
    upkeep.start();
    await until(() => work.done.steps > 0, 'merging began');
    await upkeep.stop();
    const atStop = work.done.steps;
    upkeep.wrote();
    await pause(50);
    expect(work.done.steps).toBe(atStop);
  });
});
