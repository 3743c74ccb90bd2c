import { identifierType, isIdentifier } from './stix-identifier.js';
import { isRecord, pointerSegment, type IssueSink } from './stix-issue.js';
import { stixCategory } from './stix-category.js';
import type { ObjectRule } from './rule-context.js';
import type { RefTargets } from './type-spec.js';
import { issueMessage } from './stix-issue.messages.js';

function allows(targets: RefTargets, type: string): boolean {
  if (targets.except?.includes(type)) return false;
  if (targets.types?.includes(type)) return true;
  return targets.categories?.includes(stixCategory(type)) ?? false;
}

function checkOne(value: unknown, at: string, targets: RefTargets, sink: IssueSink): void {
  if (typeof value !== 'string' || !isIdentifier(value)) return; // the schema reports the format
  const type = identifierType(value) ?? '';
  if (!allows(targets, type))
    sink.error(at, 'ref-target-type', issueMessage('refTarget', { expected: targets.label, type }));
}

function walk(
  value: unknown,
  path: readonly string[],
  depth: number,
  at: string,
  targets: RefTargets,
  sink: IssueSink,
): void {
  if (depth === path.length) {
    if (Array.isArray(value)) value.forEach((item, i) => checkOne(item, `${at}/${i}`, targets, sink));
    else checkOne(value, at, targets, sink);
    return;
  }
  const segment = path[depth] ?? '';
  if (segment === '*') {
    if (Array.isArray(value))
      value.forEach((item, i) => walk(item, path, depth + 1, `${at}/${i}`, targets, sink));
  } else if (isRecord(value) && value[segment] !== undefined) {
    walk(value[segment], path, depth + 1, `${at}/${pointerSegment(segment)}`, targets, sink);
  }
}

/** Every `_ref`/`_refs` the spec defines points at an object type the spec allows there. */
export const checkReferences: ObjectRule = (obj, type, sink) => {
  for (const rule of type.refs) walk(obj, rule.path, 0, '', rule.targets, sink);
};
