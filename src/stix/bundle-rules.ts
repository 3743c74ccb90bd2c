import { isRecord, type IssueSink } from './stix-issue.js';
import { issueMessage } from './stix-issue.messages.js';

interface MarkingNode {
  readonly index: number;
  readonly refs: readonly string[];
}

function markingRefsOf(obj: Readonly<Record<string, unknown>>): string[] {
  const refs = Array.isArray(obj.object_marking_refs)
    ? obj.object_marking_refs.filter((r): r is string => typeof r === 'string')
    : [];
  if (Array.isArray(obj.granular_markings)) {
    for (const marking of obj.granular_markings) {
      if (isRecord(marking) && typeof marking.marking_ref === 'string') refs.push(marking.marking_ref);
    }
  }
  return refs;
}

/** The same object version twice in one bundle is kept but reported. */
export function checkDuplicates(objects: readonly unknown[], sink: IssueSink): void {
  const seen = new Map<string, number>();
  objects.forEach((obj, i) => {
    if (!isRecord(obj) || typeof obj.id !== 'string') return;
    const version =
      typeof obj.modified === 'string' ? obj.modified : typeof obj.created === 'string' ? obj.created : '';
    const key = `${obj.id}\u0000${version}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else sink.warn(`/objects/${i}/id`, 'duplicate-object', issueMessage('duplicateObject', { first: `/objects/${first}` }));
  });
}

/** Marking-definitions in a bundle must not mark each other in a circle (self-marks are per object). */
export function checkMarkingCycles(objects: readonly unknown[], sink: IssueSink): void {
  const nodes = new Map<string, MarkingNode>();
  objects.forEach((obj, index) => {
    if (isRecord(obj) && obj.type === 'marking-definition' && typeof obj.id === 'string') {
      nodes.set(obj.id, { index, refs: markingRefsOf(obj).filter((r) => r !== obj.id) });
    }
  });
  const state = new Map<string, 'open' | 'done'>();
  const reported = new Set<number>();
  const visit = (id: string): void => {
    state.set(id, 'open');
    const node = nodes.get(id);
    for (const next of node?.refs ?? []) {
      if (!nodes.has(next)) continue;
      const s = state.get(next);
      if (s === 'open' && node && !reported.has(node.index)) {
        reported.add(node.index);
        sink.error(
          `/objects/${node.index}`,
          'marking-circular',
          issueMessage('markingCycle', { through: next }),
        );
      } else if (s === undefined) visit(next);
    }
    state.set(id, 'done');
  };
  for (const id of nodes.keys()) if (!state.has(id)) visit(id);
}
