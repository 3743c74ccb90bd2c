import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/clock.js';
import { AccordError } from '../errors/errors.js';
import { dialects } from '../../test/support/databases.js';
import { createTwoNodes, type TwoNodes } from '../../test/support/workflow-nodes.js';
import type { RequestInput } from './request-objects.js';

const HOUR = 3_600_000;

function request(overrides: Partial<RequestInput> = {}): RequestInput {
  return {
    title: 'Содействие в расследовании атаки на энергосистему',
    legalBasis: ['art-3.5', 'art-5.3'],
    threatCategory: 'crime',
    facts: 'On 28 November a botnet controlled from addresses in the requested Party\'s networks attacked the grid operator',
    assistance: [{ kind: 'preserve-logs' }, { kind: 'identify-infrastructure' }, { kind: 'other', details: 'Name a contact point for the investigation' }],
    urgency: 'priority',
    respondBy: '2026-12-20',
    addressee: 'CN',
    ...overrides,
  };
}

async function rejects(promise: Promise<unknown>, code: string): Promise<AccordError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AccordError);
  expect((error as AccordError).code).toBe(code);
  return error as AccordError;
}

describe.each(dialects)('requests for assistance between two nodes on %s', (dialect) => {
  let nodes: TwoNodes;
  const clock = new ManualClock('2026-12-01T09:00:00.000Z');

  beforeEach(async () => {
    clock.set('2026-12-01T09:00:00.000Z');
    nodes = await createTwoNodes(dialect, clock);
  });
  afterEach(async () => nodes?.close());

  it('goes submitted → received → accepted → in progress (clarifications both ways) → answered → closed', async () => {
    const { cn, ru, relay } = nodes;
    const requester = await nodes.user(ru, 'analyst');
    const submitted = await ru.services.requests.submit(requester, request());
    expect(submitted).toMatchObject({ state: 'submitted', direction: 'sent', addresseeParty: 'CN', legalBasis: ['art-3.5', 'art-5.3'], respondBy: '2026-12-20T16:00:00.000Z' });
    expect(submitted.object).toMatchObject({ type: 'accord-assistance-request', urgency: 'priority', requesting_party: 'RU', addressee: { party: 'CN' } });
    expect(submitted.deadlines.map((d) => [d.rule, d.party, d.due])).toEqual([['request.decision', 'CN', '2026-12-08T09:00:00.000Z'], ['request.answer', 'CN', '2026-12-20T16:00:00.000Z']]);

    clock.advance(HOUR);
    await relay.flush();
    const onRu = await ru.services.requests.get(requester, submitted.id);
    expect(onRu.state).toBe('received');
    expect(onRu.deadlines[0]).toMatchObject({ rule: 'request.decision', due: '2026-12-08T10:00:00.000Z' });

    const liaison = await nodes.user(cn, 'liaison');
    const received = await cn.services.requests.get(liaison, submitted.id);
    expect(received).toMatchObject({ state: 'received', direction: 'received', requesterParty: 'RU', nextAction: { action: 'decide', party: 'CN', due: '2026-12-08T10:00:00.000Z' } });
    expect(received.assistance).toEqual([{ kind: 'preserve-logs' }, { kind: 'identify-infrastructure' }, { kind: 'other', details: 'Name a contact point for the investigation' }]);
    expect((await cn.services.inbox.inbox(liaison)).items).toMatchObject([{ kind: 'request', action: 'decide', level: 'priority', peer: 'RU' }]);

    await cn.services.requests.step(liaison, submitted.id, { kind: 'clarification-request', content: 'Which time zone are the log timestamps in?' });
    await relay.flush();
    expect((await ru.services.requests.get(requester, submitted.id)).nextAction).toMatchObject({ action: 'clarify', party: 'RU' });
    expect((await ru.services.inbox.inbox(requester)).items[0]).toMatchObject({ action: 'clarify' });
    await ru.services.requests.step(requester, submitted.id, { kind: 'clarification-answer', content: 'UTC' });
    await relay.flush();

    await cn.services.requests.step(liaison, submitted.id, { kind: 'acceptance', content: 'Logs are being preserved' });
    await relay.flush();
    const accepted = await ru.services.requests.get(requester, submitted.id);
    expect(accepted.state).toBe('accepted');
    expect(accepted.deadlines.find((d) => d.rule === 'request.decision')).toMatchObject({ state: 'met', metLate: false });

    await cn.services.requests.step(liaison, submitted.id, { kind: 'interim-response', content: 'Three of five addresses identified' });
    await ru.services.requests.step(requester, submitted.id, { kind: 'clarification-request', content: 'Can you share the hosting providers?' });
    await relay.flush();
    const afterInterim = await cn.services.requests.get(liaison, submitted.id);
    expect(afterInterim.state).toBe('in-progress');
    expect(afterInterim.openClarification).toMatchObject({ owedBy: 'CN' });
    await cn.services.requests.step(liaison, submitted.id, { kind: 'clarification-answer', content: 'Yes, in the answer' });
    await cn.services.requests.step(liaison, submitted.id, { kind: 'answer', content: 'All five addresses identified; hosting providers notified', relatedRefs: ['infrastructure--2b1e4d5c-6f7a-4b8c-9d0e-1f2a3b4c5d6e'] });
    await relay.flush();
    const answered = await ru.services.requests.get(requester, submitted.id);
    expect(answered).toMatchObject({ state: 'answered', nextAction: { action: 'close', party: 'RU' } });
    expect(answered.deadlines.find((d) => d.rule === 'request.answer')).toMatchObject({ state: 'met' });

    await ru.services.requests.step(requester, submitted.id, { kind: 'closure', content: 'Thank you' });
    await relay.flush();
    const closed = await cn.services.requests.get(liaison, submitted.id);
    expect(closed.state).toBe('closed');
    expect(closed.steps.map((s) => [s.kind, s.party])).toEqual([
      ['clarification-request', 'CN'], ['clarification-answer', 'RU'], ['acceptance', 'CN'], ['interim-response', 'CN'], ['clarification-request', 'RU'],
      ['clarification-answer', 'CN'], ['answer', 'CN'], ['closure', 'RU'],
    ]);
    expect(closed.steps.find((s) => s.kind === 'answer')).toMatchObject({ content: 'All five addresses identified; hosting providers notified', actor: 'liaison' });
    expect((await ru.services.requests.get(requester, submitted.id)).steps).toHaveLength(8);
  });

  it('is declined with reasons; the answer deadline ends and the requester sees the reasons', async () => {
    const { cn, ru, relay } = nodes;
    const requester = await nodes.user(ru, 'analyst');
    const liaison = await nodes.user(cn, 'liaison');
    const submitted = await ru.services.requests.submit(requester, request({ urgency: 'urgent' }));
    await relay.flush();
    await rejects(cn.services.requests.step(liaison, submitted.id, { kind: 'declination' }), 'validation-failed');
    await cn.services.requests.step(liaison, submitted.id, { kind: 'declination', reasons: ['The infrastructure is outside our jurisdiction'] });
    await relay.flush();
    const declined = await ru.services.requests.get(requester, submitted.id);
    expect(declined).toMatchObject({ state: 'declined', nextAction: null });
    expect(declined.steps[0]).toMatchObject({ kind: 'declination', reasons: ['The infrastructure is outside our jurisdiction'] });
    expect(declined.deadlines.map((d) => [d.rule, d.state])).toEqual([['request.decision', 'met'], ['request.answer', 'cancelled']]);
    await rejects(cn.services.requests.step(liaison, submitted.id, { kind: 'answer', content: 'late answer' }), 'conflict');
    const closed = await ru.services.requests.step(requester, submitted.id, { kind: 'closure' });
    expect(closed.state).toBe('closed');
  });

  it('tracks the decision deadline: overdue and escalated on both sides, then met late', async () => {
    const { cn, ru, relay } = nodes;
    const requester = await nodes.user(ru, 'analyst');
    const liaison = await nodes.user(cn, 'liaison');
    const submitted = await ru.services.requests.submit(requester, request({ urgency: 'urgent', respondBy: undefined }));
    await relay.flush();
    clock.set('2026-12-02T09:00:01.000Z');
    expect((await cn.services.deadlines.check()).fired.map((f) => [f.stage, f.deadline.rule])).toEqual([['overdue', 'request.decision']]);
    expect((await ru.services.deadlines.check()).fired.map((f) => f.stage)).toEqual(['overdue']);
    expect((await ru.services.inbox.inbox(requester)).items[0]).toMatchObject({ action: 'await-decision', overdue: true, followUp: true });
    clock.set('2026-12-02T21:00:01.000Z');
    expect((await cn.services.deadlines.check()).fired.map((f) => f.stage)).toEqual(['escalated']);
    const notes = await cn.services.notifications.list(liaison, {}, 'en');
    expect(notes.items[0]?.text).toMatch(/^Escalated: Request for assistance ".+": a decision to accept or decline overdue since 2026-12-02T09:00:00.000Z \(CN, legal date 2026-12-02\)/);
    await cn.services.requests.step(liaison, submitted.id, { kind: 'acceptance' });
    await relay.flush();
    expect((await ru.services.requests.get(requester, submitted.id)).deadlines[0]).toMatchObject({ state: 'met', metLate: true });
  });

  it('survives a restart of the requested node between receipt and decision', async () => {
    const { relay } = nodes;
    const requester = await nodes.user(nodes.ru, 'analyst');
    const submitted = await nodes.ru.services.requests.submit(requester, request());
    await relay.flush();
    const cn = await nodes.restart('CN');
    const liaison = await nodes.user(cn, 'liaison');
    expect((await cn.services.requests.get(liaison, submitted.id)).state).toBe('received');
    await cn.services.requests.step(liaison, submitted.id, { kind: 'acceptance' });
    await relay.flush();
    expect((await nodes.ru.services.requests.get(requester, submitted.id)).state).toBe('accepted');
  });

  it('refuses bad input and steps out of turn with clear errors, changing nothing', async () => {
    const { cn, ru, relay } = nodes;
    const requester = await nodes.user(ru, 'analyst');
    const bad = await rejects(ru.services.requests.submit(requester, {
      ...request(), title: '', facts: '', legalBasis: ['art-99'], assistance: [{ kind: 'other' }], respondBy: '2026-11-30', addressee: 'US',
    }), 'validation-failed');
    expect(bad.details.map((d) => d.path)).toEqual(['/title', '/facts', '/legalBasis/0', '/assistance/0/details', '/addressee/party', '/respondBy']);
    await rejects(ru.services.requests.submit(await nodes.user(ru, 'reader'), request()), 'forbidden');
    expect((await ru.services.requests.list(requester, { limit: 10 })).items).toEqual([]);
    expect(relay.pending).toBe(0);

    const submitted = await ru.services.requests.submit(requester, request());
    await relay.flush();
    const liaison = await nodes.user(cn, 'liaison');
    const own = await rejects(ru.services.requests.step(await nodes.user(ru, 'liaison'), submitted.id, { kind: 'acceptance' }), 'forbidden');
    expect(own.message).toMatch(/Only the requested Party of request .* \(CN\) may acceptance/);
    await rejects(cn.services.requests.step(liaison, submitted.id, { kind: 'closure' }), 'forbidden');
    await rejects(cn.services.requests.step(liaison, submitted.id, { kind: 'answer', content: 'too early' }), 'conflict');
    await rejects(cn.services.requests.step(liaison, submitted.id, { kind: 'clarification-answer', content: 'nothing was asked' }), 'conflict');
    await rejects(cn.services.requests.step(await nodes.user(cn, 'analyst'), submitted.id, { kind: 'acceptance' }), 'forbidden');
    await rejects(cn.services.requests.step(liaison, submitted.id, { kind: 'interim-response' }), 'validation-failed');
    expect((await cn.services.requests.get(liaison, submitted.id)).state).toBe('received');
    expect(relay.pending).toBe(0);
  });
});
