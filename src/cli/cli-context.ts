import { isLocale, type Locale } from '../i18n/locale.js';
import type { Message, MessageParams } from '../i18n/messages.js';

/** What every CLI command gets besides its own arguments. */
export interface CliContext {
  readonly locale: Locale;
  readonly json: boolean;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** True when a person is watching: progress bars and confirmation prompts only then. */
  readonly interactive: boolean;
}

/** The CLI's language: --lang, else ACCORD_LOCALE, else the POSIX locale (zh_CN.UTF-8 → zh), else English. */
export function cliLocale(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Locale {
  for (const candidate of [flag, env.ACCORD_LOCALE, env.LC_ALL, env.LC_MESSAGES, env.LANG]) {
    const primary = candidate?.toLowerCase().split(/[_.-]/)[0];
    if (isLocale(primary)) return primary;
  }
  return 'en';
}

/** The value of `--lang` (or `--lang=…`) in raw arguments, for what runs before or without parsing them. */
export function langFlag(argv: readonly string[]): string | undefined {
  const index = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (index < 0) return undefined;
  const arg = argv[index] ?? '';
  return arg === '--lang' ? argv[index + 1] : arg.slice('--lang='.length);
}

/** Binds a domain's catalog to the command's language: `const say = sayer(nodeMessage)`, then `say(ctx, key)`. */
export function sayer<K extends string>(messages: (key: K, params?: MessageParams) => Message): (ctx: CliContext, key: K, params?: MessageParams) => string {
  return (ctx, key, params) => messages(key, params).text(ctx.locale);
}

/** Writes machine output (--json) or a human line. */
export function print(ctx: CliContext, human: string, machine?: unknown): void {
  if (ctx.json && machine !== undefined) ctx.stdout.write(`${JSON.stringify(machine, null, 2)}\n`);
  else ctx.stdout.write(`${human}\n`);
}
