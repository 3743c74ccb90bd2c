import cliProgress from 'cli-progress';
import type { CliContext } from './cli-context.js';

/** A live count on a terminal for long work (imports); only shown when a person watches. */
export function progressBar(ctx: CliContext, label: string): { update(done: number): void; stop(): void } {
  const bar = new cliProgress.SingleBar(
    { format: `${label} | {value} objects | {rate}/s | {duration_formatted}`, stream: ctx.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  bar.start(0, 0, { rate: 0 });
  return {
    update(done) {
      const seconds = (Date.now() - started) / 1000;
      bar.update(done, { rate: seconds > 0 ? Math.round(done / seconds) : 0 });
    },
    stop() {
      bar.stop();
    },
  };
}
