import { Writable } from 'node:stream';
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { displayWidth, helpTexts } from './help-language.js';
import { buildProgram, cliModules } from './program.js';

/** Runs the program in this process and collects what it wrote. */
async function accord(...args: string[]): Promise<{ out: string; err: string; code: string | undefined }> {
  let out = '';
  let err = '';
  const sink = (append: (s: string) => void) => new Writable({ write(chunk: Buffer, _enc, done) { append(chunk.toString()); done(); } });
  const program = await buildProgram({ stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)) }, args);
  const error = await program.parseAsync(args, { from: 'user' }).then(() => undefined, (e: unknown) => e);
  if (error !== undefined && !(error instanceof CommanderError)) throw error instanceof Error ? error : new Error('the command failed without an Error');
  return { out, err, code: error?.code };
}

const flags = (text: string): string[] => [...text.matchAll(/--[a-z][a-z-]*/g)].map((m) => m[0]).sort();

describe('the command line’s help in three languages', () => {
  it('translates every command, option and argument text into Chinese and Russian, and keeps no stale entry', async () => {
    const texts = helpTexts(await buildProgram());
    const { translations } = await cliModules();
    expect(texts.size).toBeGreaterThan(200);
    for (const locale of ['zh', 'ru'] as const) {
      const missing = [...texts].filter((t) => !translations[locale][t]);
      expect(missing, `help texts without a ${locale} translation`).toEqual([]);
      const stale = Object.keys(translations[locale]).filter((t) => !texts.has(t));
      expect(stale, `${locale} translations of texts no command has`).toEqual([]);
      const script = locale === 'zh' ? /\p{Script=Han}/u : /\p{Script=Cyrillic}/u;
      for (const [english, text] of Object.entries(translations[locale])) {
        expect(text, `${locale}: ${english}`).toMatch(script);
        // Option names are typed, not read: a translation must keep each one the English names.
        expect(flags(text), `${locale}: ${english}`).toEqual(flags(english));
      }
    }
  });

  it('shows a command’s help in the language --lang asks for, before or after the command', async () => {
    const zh = await accord('--lang', 'zh', 'ledger', 'verify', '--help');
    expect(zh.code).toBe('commander.helpDisplayed');
    expect(zh.out).toContain('用法：');
    expect(zh.out).toContain('选项：');
    expect(zh.out).toContain('显示命令的帮助');
    expect(zh.out).toMatch(/--data <dir>\s+节点的数据目录/);
    const ru = await accord('ledger', '--help', '--lang', 'ru');
    expect(ru.out).toContain('Команды:');
    expect(ru.out).toMatch(/reconcile[^\n]*сравн/i);
    // commander's own "(default: …)" is said in the language too.
    const send = await accord('--lang', 'zh', 'warn', 'send', '--help');
    expect(send.out).toMatch(/--as <user>\s+执行操作的用户 \(默认: "admin"\)/);
    expect(send.out).toContain('--text-lang <tag>');
    const en = await accord('--lang', 'en', 'ledger', 'verify', '--help');
    expect(en.out).toContain('Usage:');
    expect(en.out).toContain('data folder of the node');
  });

  it('says what was wrong with the command line in the user’s language, and exits as a usage error', async () => {
    const missing = await accord('--lang', 'ru', 'ledger', 'verify');
    expect(missing.code).toBe('commander.missingMandatoryOptionValue');
    expect(missing.err).toContain('ошибка: не указан обязательный параметр \'--data <dir>\'');
    expect(missing.err).toContain('Использование:');
    const unknown = await accord('--lang=zh', 'ledgr');
    expect(unknown.err).toContain('错误：未知命令 \'ledgr\'');
    expect(unknown.err).toContain('（您是否要输入 ledger？）');
    const argument = await accord('--lang', 'zh', 'ledger', 'reconcile', '--data', '/nowhere');
    expect(argument.err).toContain('错误：缺少必需的参数 \'party\'');
    const extra = await accord('--lang', 'ru', 'ledger', 'reconcile', '--data', '/nowhere', 'RU', 'CN');
    expect(extra.err).toContain('ошибка: слишком много аргументов для команды \'reconcile\': ожидалось 1, получено 2');
    expect((await accord('--lang', 'zh', 'ledger', 'verify', '--data', '/nowhere', '--bogus')).err).toContain('错误：未知选项 \'--bogus\'');
    const english = await accord('ledger', 'verify', '--data', '/nowhere', '--bogus');
    expect(english.err).toContain('error: unknown option \'--bogus\'');
    const choice = await accord('--lang', 'ru', 'correlation', 'lookup', '--data', '/nowhere', '--kind', 'ipv4', '10.0.0.1');
    expect(choice.code).toBe('commander.invalidArgument');
    expect(choice.err).toContain('ошибка: параметр \'--kind <kind>\' не принимает \'ipv4\'; допустимые значения: ipv4-addr, ipv6-addr');
  });

  it('counts Chinese characters as two columns, so help columns line up in a terminal', () => {
    expect(displayWidth('data')).toBe(4);
    expect(displayWidth('节点')).toBe(4);
    expect(displayWidth('\u001b[1mУзел\u001b[22m')).toBe(4);
  });
});
