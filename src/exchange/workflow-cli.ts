import type { UserPrincipal } from '../auth/principal.js';
import { authMessage } from '../auth/auth.messages.js';
import { AccordError } from '../errors/errors.js';
import type { Locale } from '../i18n/locale.js';
import { defineMessages, type MessageParams } from '../i18n/messages.js';
import { openCommandNode } from '../node/command-node.js';
import type { NodeServices } from '../node/node-services.js';
import { LANGUAGE_CODE as LANGUAGE_CODE_PATTERN, LANGUAGE_TAG as LANGUAGE_TAG_PATTERN } from '../i18n/language-tag.js';

/**
 * Runs a workflow command in-process against a node's store, acting as one of its users (the
 * user's role decides what is allowed, exactly as through the API).
 */
export async function asUser<T>(dataDir: string, userName: string, run: (services: NodeServices, user: UserPrincipal) => Promise<T>): Promise<T> {
  const services = await openCommandNode(dataDir);
  try {
    const found = await services.auth.findUser(userName);
    if (!found || found.disabled) throw new AccordError('not-found', authMessage('noActiveUser', { name: userName }));
    const user: UserPrincipal = { kind: 'user', userId: found.id, name: found.name, role: found.role, locale: found.locale, authorityRef: found.authorityRef };
    return await run(services, user);
  } finally {
    await services.database.close();
  }
}

/** Splits a comma-separated option into its values. */
export function listOption(value: string | undefined): string[] {
  return (value ?? '').split(',').map((v) => v.trim()).filter(Boolean);
}

/**
 * A whole number from an option within [min, max]: Number() alone turns "ten" into NaN, which a
 * default then hides, and SQLite reads a negative limit as none.
 */
export function wholeNumber(value: string, min: number, max: number, error: () => AccordError): number {
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw error();
  return n;
}

/** A comma-separated list of states, each one known: a misspelt state would filter everything out and print "(none)". */
export function stateList(value: string | undefined, known: readonly string[], error: (state: string) => AccordError): string[] {
  const list = listOption(value);
  const unknown = list.find((s) => !known.includes(s));
  if (unknown !== undefined) throw error(unknown);
  return list;
}

const workflowUsage = defineMessages(
  'workflow-cli-usage',
  { badLanguage: '{option} {value}: not a language tag such as zh, ru or en' },
  { badLanguage: '{option} {value}：不是 zh、ru、en 这样的语言标记' },
  { badLanguage: '{option} {value}: это не языковой тег вида zh, ru или en' },
);

/** A language tag as the API's schemas accept it (zh, ru, en, zh-Hans). */
export const LANGUAGE_TAG = new RegExp(LANGUAGE_TAG_PATTERN);
/** The language of a text in a text-per-language map, as the API's schemas key them (zh, ru, en). */
export const LANGUAGE_CODE = new RegExp(LANGUAGE_CODE_PATTERN);

/**
 * A language from an option, checked as the API checks it before anything is stored: a bad tag
 * was kept in a draft and refused only when the draft was sent.
 */
export function languageTag(option: string, value: string, pattern: RegExp = LANGUAGE_TAG): string {
  if (!pattern.test(value)) throw new AccordError('bad-request', workflowUsage('badLanguage', { option, value }));
  return value;
}

/** Collects a repeatable option. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

const workflowLine = defineMessages(
  'workflow-cli',
  {
    next: '{action} by {party}',
    nextBefore: '{action} by {party} before {due}',
    deadline: '  deadline {rule} ({party}): {state}, due {due} (legal date {date})',
    none: '(none)',
    host: 'host {party}',
    steps: '{count} steps',
    evidence: '    evidence {ref} sha256:{hash}',
    recipient: 'for {recipient}',
    objects: '{count} object(s)',
    until: 'until {date}',
    reasons: 'reasons: {reasons}',
    stepBy: '{kind} by {party}',
    bytes: '{count} bytes',
  },
  {
    next: '{action}：{party}',
    nextBefore: '{action}：{party}，须在 {due} 前',
    deadline: '  期限 {rule}（{party}）：{state}，截止 {due}（法定日期 {date}）',
    none: '（无）',
    host: '东道方 {party}',
    steps: '{count} 个步骤',
    evidence: '    证据 {ref} sha256:{hash}',
    recipient: '接收方 {recipient}',
    objects: '{count} 个对象',
    until: '有效至 {date}',
    reasons: '理由：{reasons}',
    stepBy: '{kind}：{party}',
    bytes: '{count} 字节',
  },
  {
    next: '{action}: {party}',
    nextBefore: '{action}: {party} до {due}',
    deadline: '  срок {rule} ({party}): {state}, до {due} (юридическая дата {date})',
    none: '(нет)',
    host: 'принимающая Сторона {party}',
    steps: 'шагов: {count}',
    evidence: '    доказательство {ref} sha256:{hash}',
    recipient: 'для {recipient}',
    objects: 'объектов: {count}',
    until: 'до {date}',
    reasons: 'причины: {reasons}',
    stepBy: '{kind}: {party}',
    bytes: '{count} байт',
  },
);

/** Who must act next on a warning or request, and by when, in the CLI's language. */
export function nextActionText(next: { action: string; party: string; due: string | null } | null, locale: Locale): string {
  if (!next) return '';
  return workflowLine(next.due ? 'nextBefore' : 'next', { action: next.action, party: next.party, due: next.due ?? '' }).text(locale);
}

/** One deadline of a warning or request, in the CLI's language. */
export function deadlineText(d: { rule: string; party: string; state: string; due: string; legalDate: string }, locale: Locale): string {
  return workflowLine('deadline', { rule: d.rule, party: d.party, state: d.state, due: d.due, date: d.legalDate }).text(locale);
}

/** What a list command prints when there is nothing to list. */
export function noneText(locale: Locale): string {
  return workflowLine('none').text(locale);
}

/** A short label of a workflow line (host, steps, recipient, reasons …) in the CLI's language. */
export function workflowLabel(key: Parameters<typeof workflowLine>[0], params: MessageParams, locale: Locale): string {
  return workflowLine(key, params).text(locale);
}
