import { createContext, useContext, useEffect, useState } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiHeaders } from '../api/client';

export type LiveState = 'connecting' | 'live' | 'offline';

const LiveContext = createContext<LiveState>('connecting');

export function useLiveState(): LiveState {
  return useContext(LiveContext);
}

/** One server-sent event frame. */
export interface StreamEvent {
  readonly type: string;
  readonly data: Record<string, unknown>;
}

/** Splits server-sent event text into complete frames; keeps the unfinished rest. */
export function parseFrames(buffer: string): { events: StreamEvent[]; rest: string } {
  const events: StreamEvent[] = [];
  const frames = buffer.split(/\r?\n\r?\n/);
  const rest = frames.pop() ?? '';
  for (const frame of frames) {
    const data = frame
      .split(/\r?\n/)
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).trimStart())
      .join('\n');
    if (!data) continue;
    try {
      const parsed = JSON.parse(data) as { type?: unknown; data?: unknown };
      if (typeof parsed.type === 'string')
        events.push({ type: parsed.type, data: (parsed.data ?? {}) as Record<string, unknown> });
    } catch {
      // A frame that is not JSON is not ours to act on.
    }
  }
  return { events, rest };
}

/** Which cached views an event makes stale. */
function invalidate(client: QueryClient, event: StreamEvent): void {
  const [domain] = event.type.split('.');
  if (domain === 'warning' || domain === 'deadline')
    void client.invalidateQueries({ queryKey: ['warnings'] });
  if (domain === 'object') void client.invalidateQueries({ queryKey: ['objects'] });
  if (domain === 'request' || domain === 'deadline')
    void client.invalidateQueries({ queryKey: ['requests'] });
  if (domain === 'warning' || domain === 'request' || domain === 'deadline') {
    void client.invalidateQueries({ queryKey: ['inbox'] });
    void client.invalidateQueries({ queryKey: ['notifications'] });
  }
  if (domain === 'federation') void client.invalidateQueries({ queryKey: ['federation'] });
  // The dashboard's exchange figures: warnings, requests, their deadlines and what peers deliver.
  if (domain === 'warning' || domain === 'request' || domain === 'deadline' || domain === 'federation')
    void client.invalidateQueries({ queryKey: ['dashboard', 'activity'] });
  // lifecycle.*, authority.*, activity.*, legislation.* (recorded, revised): the governance views.
  if (domain === 'lifecycle' || domain === 'authority' || domain === 'activity' || domain === 'legislation')
    void client.invalidateQueries({ queryKey: ['governance'] });
  // consultation.proposed and consultation.step.* (local or a peer's); deadline.* for action items.
  if (domain === 'consultation' || domain === 'deadline')
    void client.invalidateQueries({ queryKey: ['consultations'] });
  if (domain === 'consultation') {
    void client.invalidateQueries({ queryKey: ['inbox'] });
    void client.invalidateQueries({ queryKey: ['notifications'] });
  }
  // dispute.* when the node publishes them; a peer's dispute steps also arrive as received bundles and stored objects.
  if (
    domain === 'dispute' ||
    event.type === 'federation.bundle-received' ||
    (domain === 'object' &&
      typeof event.data.type === 'string' &&
      event.data.type.startsWith('accord-dispute'))
  )
    void client.invalidateQueries({ queryKey: ['disputes'] });
  // consent-request.* and consent-decision.* (recorded, revised): the consents views, and the inbox of liaisons.
  if (domain?.startsWith('consent-')) {
    void client.invalidateQueries({ queryKey: ['consents'] });
    void client.invalidateQueries({ queryKey: ['inbox'] });
    void client.invalidateQueries({ queryKey: ['notifications'] });
  }
}

async function follow(
  client: QueryClient,
  signal: AbortSignal,
  onState: (state: LiveState) => void,
): Promise<void> {
  // fetch rather than EventSource: named events need no listener per type, and headers are ours.
  const response = await fetch('/api/v1/events?types=warning.,deadline.,object.,request.,federation.,consent-,dispute.,consultation.,lifecycle.,authority.,activity.,legislation.', {
    headers: apiHeaders({ accept: 'text/event-stream' }),
    credentials: 'same-origin',
    signal,
  });
  if (!response.ok || !response.body) throw new Error(`event stream: HTTP ${response.status}`);
  onState('live');
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    const { events, rest } = parseFrames(buffer + value);
    buffer = rest;
    for (const event of events) invalidate(client, event);
  }
}

/** Keeps the views current from the node's live event stream, reconnecting with back-off. */
export function LiveEvents({ children }: { readonly children: React.ReactNode }) {
  const client = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');
  useEffect(() => {
    const controller = new AbortController();
    let delay = 1000;
    let timer: number | undefined;
    const connect = () => {
      follow(client, controller.signal, (s) => {
        setState(s);
        delay = 1000;
      })
        .catch(() => undefined)
        .finally(() => {
          if (controller.signal.aborted) return;
          setState('offline');
          // Whatever changed while the stream was down is fetched again.
          void client.invalidateQueries();
          timer = window.setTimeout(connect, delay);
          delay = Math.min(delay * 2, 30_000);
        });
    };
    connect();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [client]);
  return <LiveContext.Provider value={state}>{children}</LiveContext.Provider>;
}

/** A small indicator in the top bar: are views updating by themselves? */
export function LiveIndicator() {
  const { t } = useTranslation();
  const state = useLiveState();
  return (
    <span
      className={`live live-${state}`}
      role="status"
      title={t(`live.hint.${state}`)}
      data-testid="live-state"
      data-state={state}
    >
      <span className="live-dot" aria-hidden="true" />
      {t(`live.${state}`)}
    </span>
  );
}
