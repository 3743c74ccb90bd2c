import { api, ApiError, query } from '../api/client';
import type { ObjectDetail, SearchResult, StixObject } from '../api/types';
import { isStixId, referencesOf } from './stix-display';

export interface GraphEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  /** relationship_type, "sighting-of", or the referencing property (object_refs, created_by_ref…). */
  readonly label: string;
  /** The relationship or sighting object the edge stands for, when it is one. */
  readonly via?: string;
}

export interface RelatedGraph {
  readonly center: string;
  readonly edges: readonly GraphEdge[];
  /** Objects by id; null when the node does not hold (or does not show me) that object. */
  readonly nodes: ReadonlyMap<string, StixObject | null>;
  /** True when the relationship scan stopped before the oldest relationship. */
  readonly truncated: boolean;
}

const SCAN_PAGE = 500;
const SCAN_PAGES = 10;
const MAX_NEIGHBOURS = 80;

/** Edges contributed by one relationship or sighting object, when it touches `id`. */
export function edgesTouching(object: StixObject, id: string): GraphEdge[] {
  if (object.type === 'relationship') {
    const { source_ref: s, target_ref: t, relationship_type: rt } = object;
    if (isStixId(s) && isStixId(t) && (s === id || t === id))
      return [
        {
          id: object.id,
          source: s,
          target: t,
          label: typeof rt === 'string' ? rt : 'related-to',
          via: object.id,
        },
      ];
    return [];
  }
  if (object.type === 'sighting') {
    const refs = referencesOf(object);
    if (object.id !== id && !refs.some((r) => r.id === id)) return [];
    return refs.map((r) => ({
      id: `${object.id}:${r.property}:${r.id}`,
      source: object.id,
      target: r.id,
      label: r.property === 'sighting_of_ref' ? 'sighting-of' : r.property,
      via: object.id,
    }));
  }
  return [];
}

/**
 * Relationships and sightings touching an object, found by scanning the newest relationship
 * objects (the API has no search by reference yet), plus the object's own references.
 */
async function scanRelationships(
  id: string,
  signal: AbortSignal,
): Promise<{ edges: GraphEdge[]; carriers: StixObject[]; truncated: boolean }> {
  const edges: GraphEdge[] = [];
  const carriers: StixObject[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < SCAN_PAGES; page++) {
    const result = await api<SearchResult>(
      `/api/v1/objects${query({ type: ['relationship', 'sighting'], limit: SCAN_PAGE, cursor })}`,
      { signal },
    );
    for (const item of result.items) {
      const found = edgesTouching(item.object, id);
      if (found.length) {
        edges.push(...found);
        carriers.push(item.object);
      }
    }
    if (!result.next) return { edges, carriers, truncated: false };
    cursor = result.next;
  }
  return { edges, carriers, truncated: true };
}

async function fetchObjects(
  ids: readonly string[],
  signal: AbortSignal,
): Promise<Map<string, StixObject | null>> {
  const out = new Map<string, StixObject | null>();
  let next = 0;
  async function worker() {
    while (next < ids.length) {
      const id = ids[next++];
      if (!id) continue;
      try {
        out.set(
          id,
          (await api<ObjectDetail>(`/api/v1/objects/${encodeURIComponent(id)}`, { signal })).object,
        );
      } catch (error) {
        if (error instanceof ApiError && (error.status === 404 || error.status === 403)) out.set(id, null);
        else throw error;
      }
    }
  }
  await Promise.all(Array.from({ length: 6 }, worker));
  return out;
}

/** The object's neighbourhood: who it points at, and which relationships point at it. */
export async function fetchRelatedGraph(center: StixObject, signal: AbortSignal): Promise<RelatedGraph> {
  const own: GraphEdge[] = referencesOf(center).map((r) => ({
    id: `${center.id}:${r.property}:${r.id}`,
    source: center.id,
    target: r.id,
    label: r.property,
  }));
  // A relationship is drawn as a node joined to its two ends; it has no relationships of its own to find.
  const scan =
    center.type === 'relationship'
      ? { edges: [], carriers: [], truncated: false }
      : await scanRelationships(center.id, signal);
  const edges = dedupe([...own, ...scan.edges]);
  const nodes = new Map<string, StixObject | null>([[center.id, center]]);
  for (const c of scan.carriers) if (c.type === 'sighting') nodes.set(c.id, c);
  const wanted = [...new Set(edges.flatMap((e) => [e.source, e.target]))]
    .filter((id) => !nodes.has(id))
    .slice(0, MAX_NEIGHBOURS);
  for (const [id, object] of await fetchObjects(wanted, signal)) nodes.set(id, object);
  const shown = edges.filter((e) => nodes.has(e.source) && nodes.has(e.target));
  return { center: center.id, edges: shown, nodes, truncated: scan.truncated || shown.length < edges.length };
}

function dedupe(edges: GraphEdge[]): GraphEdge[] {
  const seen = new Set<string>();
  return edges.filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)));
}
