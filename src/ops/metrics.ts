import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ObjectOutcome } from '../ingest/ingest.service.js';

/** The node's Prometheus metrics: requests, ingest, store and federation figures. */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests = new Histogram({
    name: 'accord_http_request_duration_seconds',
    help: 'HTTP requests by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [this.registry],
  });
  readonly ingested = new Counter({
    name: 'accord_ingest_objects_total',
    help: 'Objects through the ingest pipeline by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly storeObjects = new Gauge({
    name: 'accord_store_object_versions',
    help: 'Object versions held in the store',
    registers: [this.registry],
  });
  readonly releaseDenied = new Counter({
    name: 'accord_release_denied_total',
    help: 'Releases denied by the protection policy',
    labelNames: ['rule'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'accord_process_' });
  }

  countIngest(outcomes: readonly ObjectOutcome[]): void {
    const counts = new Map<string, number>();
    for (const o of outcomes) counts.set(o.status, (counts.get(o.status) ?? 0) + 1);
    for (const [outcome, n] of counts) this.ingested.inc({ outcome }, n);
  }
}
