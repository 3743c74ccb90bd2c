import type { TestProject } from 'vitest/node';

interface Cluster {
  url: string;
  stop(): void;
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

/** Gives every test file a PostgreSQL server: the one npm test prepared, or a throwaway one. */
export default async function setup(project: TestProject): Promise<() => void> {
  let cluster: Cluster | undefined;
  let url = process.env.ACCORD_TEST_PG_URL;
  if (!url) {
    const modulePath = '../../scripts/pg-cluster.mjs';
    const { startThrowawayCluster } = (await import(modulePath)) as { startThrowawayCluster: () => Promise<Cluster> };
    cluster = await startThrowawayCluster();
    url = cluster.url;
  }
  project.provide('pgUrl', url);
  return () => cluster?.stop();
}
