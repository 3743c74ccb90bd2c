import { randomUUID } from 'node:crypto';
import type { TestNode } from './test-node.js';

interface Queued {
  readonly from: string;
  readonly to: string;
  readonly objects: unknown[];
}

/**
 * A stand-in for federation between in-process test nodes: what a node writes to `outbox-<P>`
 * is queued, and `flush()` ingests it on P's node into `inbox-<sender>` with the sender as
 * origin, then hands the sender a delivery receipt event shaped like federation's. `paused`
 * models a peer that is down: nothing moves until it is unpaused and flushed.
 */
export class TestRelay {
  paused = false;
  private readonly nodes = new Map<string, TestNode>();
  private queue: Queued[] = [];
  private readonly outboxes = new Map<string, { party: string; node: string }>();
  delivered = 0;

  /** Connects a node (again, after a restart: the newest connection of a Party wins). */
  async connect(node: TestNode): Promise<void> {
    const party = node.services.config.node.party;
    this.nodes.set(party, node);
    for (const collection of await node.services.collections.list())
      if (collection.kind === 'outbox' && collection.party) this.outboxes.set(collection.id, { party: collection.party, node: party });
    node.services.ingest.addListener((outcomes, target) => {
      const outbox = this.outboxes.get(target.collectionId);
      if (!outbox || this.nodes.get(outbox.node) !== node) return;
      const objects = outcomes.filter((o) => o.dateAdded !== undefined && o.object).map((o) => o.object);
      if (objects.length) this.queue.push({ from: party, to: outbox.party, objects });
    });
  }

  /** How many batches wait for delivery. */
  get pending(): number {
    return this.queue.length;
  }

  /** Delivers everything queued (unless paused), receipts included, until nothing is left. */
  async flush(): Promise<void> {
    while (!this.paused && this.queue.length) {
      const batch = this.queue;
      this.queue = [];
      for (const item of batch) await this.deliver(item);
    }
  }

  private async deliver(item: Queued): Promise<void> {
    const sender = this.nodes.get(item.from);
    const receiver = this.nodes.get(item.to);
    if (!sender || !receiver) throw new Error(`relay: no node for ${item.from} → ${item.to}`);
    const inbox = await receiver.services.collections.byAlias(`inbox-${item.from}`);
    const outcomes = await receiver.services.ingest.ingestObjects(item.objects, { collectionId: inbox.id, originParty: item.from });
    this.delivered += outcomes.length;
    sender.services.events.publish({
      type: 'federation.receipt', at: new Date().toISOString(),
      data: { party: item.to, bundleId: `bundle--${randomUUID()}`, objects: outcomes.map((o) => ({ id: o.id, version: o.version, status: o.status })) },
    });
    await sender.services.exchange.settled();
  }
}
