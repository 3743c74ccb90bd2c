import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import type { UserPrincipal } from '../src/auth/principal.js';
import { ManualClock } from '../src/clock/clock.js';
import { loadConfig } from '../src/config/config.js';
import type { Executor } from '../src/db/database.js';
import { deadlineMoments } from '../src/deadlines/deadline-policy.js';
import type { DeadlineTable } from '../src/deadlines/deadlines.tables.js';
import { NO_DUE_US } from '../src/exchange/exchange-actions.js';
import { initNode } from '../src/node/node-init.js';
import { openNode } from '../src/node/node-runtime.js';
import type { NodeServices } from '../src/node/node-services.js';
import { eventLegalDate } from '../src/profile/legal-time.js';
import { decisionDueUs } from '../src/requests/request-records.js';
import type { AssistanceRequestTable } from '../src/requests/requests.tables.js';
import { ackDueUs } from '../src/warnings/warning-records.js';
import type { WarningPartyTable, WarningTable } from '../src/warnings/warnings.tables.js';
import { percentile, timed, type Benchmark, type Figure } from './harness.js';

const WARNINGS = Number(process.env.BENCH_WARNINGS ?? 50_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 50_000);
const NOW = Date.parse('2026-12-15T00:00:00.000Z') * 1000;
const DAY_US = 86_400_000_000;
const CHECK_EVERY_US = 30_000_000;
const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
const URGENCIES = ['urgent', 'priority', 'routine'] as const;
const ME = 'CN';
const PEER = 'RU';

/** A deterministic spread of instants over the last 40 days (and a few days ahead). */
function startOf(i: number): number {
  return NOW - Math.floor(((i * 7919) % 44_000) / 1000 * DAY_US) + 4 * DAY_US - ((i * 104_729) % DAY_US);
}

/** A deadline row in the state the watch would have left it in at NOW (every passed stage fired). */
function deadlineRow(services: NodeServices, d: { rule: string; kind: string; subjectId: string; type: string; title: string; origin: string | null; party: string; startUs: number; dueUs: number; met: boolean }): DeadlineTable {
  const { remindAtUs, escalateAtUs } = deadlineMoments(d.startUs, d.dueUs);
  const legal = eventLegalDate(services.profile, new Date(Math.floor(d.dueUs / 1000)), { receivingParty: d.party });
  const fired = (at: number) => (!d.met && at <= NOW ? at : null);
  const escalated = fired(escalateAtUs);
  const overdue = fired(d.dueUs);
  const reminded = fired(remindAtUs);
  const state = d.met ? 'met' : escalated ? 'escalated' : overdue ? 'overdue' : reminded ? 'due-soon' : 'running';
  const metUs = d.met ? Math.min(d.dueUs, d.startUs + 3_600_000_000) : null;
  return {
    id: `${d.rule}:${d.subjectId}:${d.party}`, subjectKind: d.kind, subjectId: d.subjectId, subjectType: d.type, subjectTlp: 'amber', subjectOrigin: d.origin, subjectTitle: d.title,
    rule: d.rule, provision: 'art-5.3', basis: 'accord-default', party: d.party, startUs: d.startUs, dueUs: d.dueUs, remindAtUs, escalateAtUs,
    legalDate: legal.date, timeZone: legal.timeZone ?? 'UTC', state, remindedUs: reminded, overdueUs: overdue, escalatedUs: escalated, metUs, cancelledUs: null,
    closedUs: metUs, createdUs: d.startUs, updatedUs: NOW,
  };
}

function warningRows(services: NodeServices, i: number): { warning: WarningTable; party: WarningPartyTable; deadline: DeadlineTable } {
  const id = `accord-early-warning--${randomUUID()}`;
  const sent = i % 2 === 0;
  const severity = SEVERITIES[i % 4] ?? 'medium';
  const sentUs = startOf(i);
  const due = ackDueUs(services.profile, severity, sentUs);
  const phase = i % 10; // 0–5 closed, 6 assessed, 7 acknowledged, 8–9 waiting for acknowledgement
  const state = phase <= 5 ? 'closed' : phase === 6 ? 'assessed' : phase === 7 ? 'acknowledged' : sent ? 'sent' : 'delivered';
  const acked = phase <= 7;
  const responsible = sent ? PEER : ME;
  const action = phase <= 6 ? null : phase === 7 ? (sent ? 'await-assessment' : 'assess') : sent ? 'await-acknowledgement' : 'acknowledge';
  const title = `Warning ${i}: ${severity} threat to ${['energy', 'finance', 'transport', 'government'][i % 4]}`;
  return {
    warning: {
      id, direction: sent ? 'sent' : 'received', senderParty: sent ? ME : PEER, state, severity, threatCategory: 'crime', title, lang: 'en', tlp: 'amber',
      addressees: JSON.stringify([{ party: sent ? PEER : ME }]), draft: null, versionUs: sentUs, sentUs, deliveredUs: sentUs + 1000, acknowledgedUs: acked ? sentUs + 3_600_000_000 : null,
      assessedUs: phase <= 6 ? sentUs + 7_200_000_000 : null, closedUs: phase <= 5 ? sentUs + DAY_US : null, withdrawnUs: null, createdBy: sent ? 'analyst' : null,
      createdUs: sentUs, updatedUs: sentUs, nextAction: action, actionParty: action ? (action.startsWith('await') ? responsible : ME) : null, actionAuthority: null,
      actionDueUs: action === 'acknowledge' || action === 'await-acknowledgement' ? due : action ? NO_DUE_US : null,
    },
    party: { warningId: id, party: sent ? PEER : ME, authorityRef: null, state: phase <= 6 ? 'assessed' : acked ? 'acknowledged' : 'delivered', deliveredUs: sentUs, acknowledgedUs: acked ? sentUs : null, ackObjectId: null, acknowledgedBy: null },
    deadline: deadlineRow(services, { rule: 'warning.acknowledgement', kind: 'warning', subjectId: id, type: 'accord-early-warning', title, origin: sent ? null : PEER, party: responsible, startUs: sentUs, dueUs: due, met: acked }),
  };
}

function requestRows(services: NodeServices, i: number): { request: AssistanceRequestTable; deadlines: DeadlineTable[] } {
  const id = `accord-assistance-request--${randomUUID()}`;
  const sent = i % 2 === 1;
  const urgency = URGENCIES[i % 3] ?? 'routine';
  const submittedUs = startOf(i + 1_000_003);
  const receivedUs = submittedUs + 2_000_000;
  const decisionDue = decisionDueUs(services.profile, urgency, receivedUs);
  const respondByUs = i % 3 === 0 ? submittedUs + 20 * DAY_US : null;
  const phase = i % 10; // 0–4 closed, 5 declined, 6 answered, 7 in progress, 8–9 waiting for a decision
  const state = (['closed', 'closed', 'closed', 'closed', 'closed', 'declined', 'answered', 'in-progress', 'received', 'received'] as const)[phase] ?? 'received';
  const decided = phase <= 7;
  const responsible = sent ? PEER : ME;
  const action = phase === 6 ? (sent ? 'close' : null) : phase === 7 ? (sent ? 'await-answer' : 'answer') : phase >= 8 ? (sent ? 'await-decision' : 'decide') : null;
  const title = `Request ${i}: ${urgency} assistance`;
  const origin = sent ? null : PEER;
  const deadlines = [deadlineRow(services, { rule: 'request.decision', kind: 'request', subjectId: id, type: 'accord-assistance-request', title, origin, party: responsible, startUs: receivedUs, dueUs: decisionDue, met: decided })];
  if (respondByUs !== null) deadlines.push(deadlineRow(services, { rule: 'request.answer', kind: 'request', subjectId: id, type: 'accord-assistance-request', title, origin, party: responsible, startUs: submittedUs, dueUs: respondByUs, met: phase <= 6 }));
  return {
    request: {
      id, direction: sent ? 'sent' : 'received', requesterParty: sent ? ME : PEER, addresseeParty: sent ? PEER : ME, addresseeAuthority: null, state, urgency, threatCategory: 'crime',
      title, lang: 'en', tlp: 'amber', legalBasis: '["art-3.5"]', versionUs: submittedUs, submittedUs, receivedUs, decidedUs: decided ? receivedUs + 3_600_000_000 : null,
      answeredUs: phase <= 6 && phase !== 5 ? receivedUs + DAY_US : null, closedUs: phase <= 4 ? receivedUs + 2 * DAY_US : null, respondByUs, clarificationParty: null, clarificationStep: null,
      createdBy: sent ? 'analyst' : null, createdUs: submittedUs, updatedUs: submittedUs, nextAction: action,
      actionParty: action ? (action.startsWith('await') ? responsible : ME) : null, actionAuthority: null,
      actionDueUs: action === 'decide' || action === 'await-decision' ? decisionDue : action === 'answer' || action === 'await-answer' ? (respondByUs ?? NO_DUE_US) : action ? NO_DUE_US : null,
    },
    deadlines,
  };
}

async function insertChunked<T>(db: Executor, rows: readonly T[], insert: (db: Executor, chunk: T[]) => Promise<unknown>): Promise<void> {
  const size = 500;
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += size) await insert(trx, rows.slice(i, i + size));
  });
}

async function populate(services: NodeServices): Promise<number> {
  const db = services.database.db;
  let deadlines = 0;
  for (let start = 0; start < WARNINGS; start += 10_000) {
    const rows = Array.from({ length: Math.min(10_000, WARNINGS - start) }, (_, k) => warningRows(services, start + k));
    await insertChunked(db, rows.map((r) => r.warning), (trx, chunk) => trx.insertInto('warning').values(chunk).execute());
    await insertChunked(db, rows.map((r) => r.party), (trx, chunk) => trx.insertInto('warningParty').values(chunk).execute());
    await insertChunked(db, rows.map((r) => r.deadline), (trx, chunk) => trx.insertInto('deadline').values(chunk).execute());
    deadlines += rows.length;
  }
  for (let start = 0; start < REQUESTS; start += 10_000) {
    const rows = Array.from({ length: Math.min(10_000, REQUESTS - start) }, (_, k) => requestRows(services, start + k));
    await insertChunked(db, rows.map((r) => r.request), (trx, chunk) => trx.insertInto('assistanceRequest').values(chunk).execute());
    const ds = rows.flatMap((r) => r.deadlines);
    await insertChunked(db, ds, (trx, chunk) => trx.insertInto('deadline').values(chunk).execute());
    deadlines += ds.length;
  }
  if (services.database.dialect === 'postgres') await services.database.pool?.query('analyze');
  else services.database.sqlite?.exec('analyze');
  return deadlines;
}

/** Fills a node with the benchmark's data set (query-plan checks outside the benchmark use it too). */
export const populateDeadlineData = populate;

async function userOf(services: NodeServices, role: 'liaison'): Promise<UserPrincipal> {
  if (!(await services.auth.findUser(role))) await services.auth.createUser({ name: role, role }, 'system');
  const { token } = await services.auth.createToken(role, 'bench', 'system');
  const principal = await services.auth.principalForToken(token);
  if (principal?.kind !== 'user') throw new Error('no user');
  return principal;
}

async function measure(databaseUrl: string | undefined, label: string): Promise<Figure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'accord-bench-deadlines-'));
  const clock = new ManualClock(new Date(NOW / 1000));
  try {
    await initNode({ dataDir, party: ME, url: 'http://127.0.0.1:8401', profile: 'cn-ru-2015', adminPassword: 'bench password 12345', databaseUrl, clock });
    const services = await openNode(loadConfig({ dataDir, env: databaseUrl ? { DATABASE_URL: databaseUrl } : {}, jobs: false }), { clock, logger: pino({ level: 'silent' }) });
    try {
      const deadlines = await populate(services);
      const user = await userOf(services, 'liaison');
      const size = `${(WARNINGS + REQUESTS).toLocaleString('en-US')} warnings and requests, ${deadlines.toLocaleString('en-US')} deadlines, ${label}`;
      for (let i = 0; i < 3; i++) await services.inbox.inbox(user);

      // Steady state: the worker checks every 30 s; each pass fires what fell due in those 30 s.
      const checks: number[] = [];
      let fired = 0;
      for (let i = 0; i < 100; i++) {
        clock.advance(CHECK_EVERY_US / 1000);
        const seconds = await timed(async () => {
          fired += (await services.deadlines.check()).fired.length;
        });
        checks.push(seconds * 1000);
      }
      checks.sort((a, b) => a - b);

      const inbox: number[] = [];
      let items = 0;
      for (let i = 0; i < 100; i++) {
        const seconds = await timed(async () => {
          items = (await services.inbox.inbox(user, 50)).items.length;
        });
        inbox.push(seconds * 1000);
      }
      inbox.sort((a, b) => a - b);

      // A node back after a day down: 1,000 deadlines cross a stage at once (fired in batches of 500).
      await services.database.db.updateTable('deadline').set({ remindedUs: null, overdueUs: null, escalatedUs: null, state: 'running' })
        .where('id', 'in', (eb) => eb.selectFrom('deadline').select('id').where('closedUs', 'is', null).orderBy('dueUs').limit(1000)).execute();
      let burst = 0;
      const burstSeconds = await timed(async () => {
        burst = (await services.deadlines.check()).fired.length;
      });

      return [
        { name: `periodic deadline check, p50 (${size}; 100 passes 30 s apart, ${fired} stages fired)`, value: percentile(checks, 50), unit: 'ms', target: { atMost: 50 } },
        { name: `periodic deadline check, p99 (${size})`, value: percentile(checks, 99), unit: 'ms', target: { atMost: 50 }, note: `max ${(checks.at(-1) ?? 0).toFixed(1)} ms` },
        { name: `inbox query, p50 (${size}; ${items} items, limit 50)`, value: percentile(inbox, 50), unit: 'ms', target: { atMost: 50 } },
        { name: `inbox query, p99 (${size})`, value: percentile(inbox, 99), unit: 'ms', target: { atMost: 50 }, note: `max ${(inbox.at(-1) ?? 0).toFixed(1)} ms` },
        { name: `catch-up check firing ${burst} stages at once with notifications (${label})`, value: burstSeconds * 1000, unit: 'ms' },
      ];
    } finally {
      await services.database.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A PostgreSQL to measure on: ACCORD_BENCH_PG_URL, else a throwaway cluster when the binaries exist. */
async function postgres(): Promise<{ url: string; stop(): void } | undefined> {
  if (process.env.ACCORD_BENCH_PG_URL) return { url: process.env.ACCORD_BENCH_PG_URL, stop: () => undefined };
  if (process.env.BENCH_SKIP_PG === '1') return undefined;
  try {
    const modulePath = '../../scripts/pg-cluster.mjs';
    const cluster = (await import(modulePath)) as { startThrowawayCluster: () => Promise<{ url: string; stop(): void }> };
    return await cluster.startThrowawayCluster();
  } catch {
    return undefined;
  }
}

/** 100,000 warnings and requests with deadlines: the worker's periodic check and the inbox query. */
const benchmark: Benchmark = {
  topic: 'deadlines',
  command: 'npx tsc -p tsconfig.build.json && node dist/bench/run-one.js dist/bench/deadlines.bench.js',
  async run(): Promise<Figure[]> {
    const figures = await measure(undefined, 'SQLite');
    const pg = await postgres();
    if (pg) {
      try {
        const { default: pgLib } = await import('pg');
        const client = new pgLib.Client({ connectionString: pg.url });
        await client.connect();
        const name = `accord_bench_${Date.now().toString(36)}`;
        await client.query(`create database ${name}`);
        const url = new URL(pg.url);
        url.pathname = `/${name}`;
        try {
          figures.push(...(await measure(url.toString(), 'PostgreSQL')));
        } finally {
          await client.query(`drop database if exists ${name} with (force)`);
          await client.end();
        }
      } finally {
        pg.stop();
      }
    }
    return figures;
  },
};

export default benchmark;
