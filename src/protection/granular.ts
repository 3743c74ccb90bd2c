import { tlpLevelOfMarking } from '../stix/tlp.js';
import type { Audience, Decision, ReleaseFacts } from './release-policy.js';

/** Properties without which the object is no longer the object: withholding one withholds it all. */
const ESSENTIAL = new Set(['type', 'id', 'spec_version', 'created', 'modified', 'pattern', 'pattern_type', 'valid_from', 'relationship_type', 'source_ref', 'target_ref', 'sighting_of_ref', 'value', 'object_refs']);

interface GranularMarking {
  readonly marking_ref?: unknown;
  readonly selectors?: unknown;
}

/** The outcome of applying granular markings for one audience. */
export type Withheld =
  | { readonly kind: 'whole'; readonly object: Record<string, unknown>; readonly withheld: readonly string[] }
  | { readonly kind: 'withheld'; readonly rule: string };

type Path = Array<string | number>;

function parseSelector(selector: string): Path {
  return selector.split('.').map((part) => (/^\[\d+\]$/.test(part) ? Number(part.slice(1, -1)) : part));
}

/** Removes the value a selector points at; array elements are blanked first and compacted afterwards, so indexes stay valid. */
function removeAt(target: unknown, path: Path, blanked: Set<unknown[]>): void {
  let node = target;
  for (const step of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return;
    node = (node as Record<string | number, unknown>)[step];
  }
  const last = path.at(-1);
  if (last === undefined || node === null || typeof node !== 'object') return;
  if (Array.isArray(node) && typeof last === 'number') {
    node[last] = WITHHELD;
    blanked.add(node);
  } else delete (node as Record<string | number, unknown>)[last];
}

const WITHHELD = Symbol('withheld');

/**
 * Honours granular markings for one audience: a property whose marking the policy would not let
 * reach the audience is removed, and the rest of the object is released. The decision per
 * marking is the release policy's own, asked as if the marking were the object's.
 */
export function applyGranularMarkings(object: Record<string, unknown>, facts: ReleaseFacts, audience: Audience, decide: (facts: ReleaseFacts, audience: Audience) => Decision): Withheld {
  const markings = Array.isArray(object.granular_markings) ? (object.granular_markings as GranularMarking[]) : [];
  if (markings.length === 0) return { kind: 'whole', object, withheld: [] };
  const copy = structuredClone(object);
  const kept: GranularMarking[] = [];
  const selectors: string[] = [];
  for (const marking of markings) {
    const ref = typeof marking.marking_ref === 'string' ? marking.marking_ref : undefined;
    const tlp = ref ? tlpLevelOfMarking(ref) : undefined;
    const allowed = !ref || decide({ ...facts, tlp: tlp ?? facts.tlp, markingRefs: [ref] }, audience).allow;
    if (allowed) kept.push(marking);
    else if (Array.isArray(marking.selectors)) selectors.push(...marking.selectors.filter((s): s is string => typeof s === 'string'));
  }
  if (selectors.length === 0) return { kind: 'whole', object, withheld: [] };
  const essential = selectors.find((s) => ESSENTIAL.has(s.split('.')[0] ?? ''));
  if (essential) return { kind: 'withheld', rule: `granular-marking-on-${essential.split('.')[0] ?? ''}` };
  const blanked = new Set<unknown[]>();
  for (const selector of selectors) removeAt(copy, parseSelector(selector), blanked);
  for (const array of blanked) {
    const compact = array.filter((v) => v !== WITHHELD);
    array.splice(0, array.length, ...compact);
  }
  // The remaining markings must not point at what is gone (their selectors would no longer resolve).
  const withheldRoots = new Set(selectors);
  const remaining = kept.filter((m) => !(Array.isArray(m.selectors) && m.selectors.some((s) => typeof s === 'string' && [...withheldRoots].some((w) => s === w || s.startsWith(`${w}.`)))));
  if (remaining.length) copy.granular_markings = remaining;
  else delete copy.granular_markings;
  return { kind: 'whole', object: copy, withheld: selectors };
}
