import { isRecord, type IssueSink } from './stix-issue.js';
import {
  TLP1_CREATED,
  TLP1_MARKING_IDS,
  TLP2_EXTENSION_ID,
  TLP2_MARKING_IDS,
  TLP_LEVELS,
  tlpName,
  type Tlp1Level,
  type TlpLevel,
} from './tlp.js';
import type { ObjectRule } from './rule-context.js';
import { issueMessage } from './stix-issue.messages.js';

const TLP1_LEVELS = Object.keys(TLP1_MARKING_IDS) as Tlp1Level[];
const SELECTOR = /^[a-z0-9_-]{2,250}(?:\.(?:\[\d+\]|[A-Za-z0-9_-]{1,250}))*$/;
const INDEX = /^\[(\d+)\]$/;

function checkStatementOrTlp1(obj: Readonly<Record<string, unknown>>, sink: IssueSink): void {
  const definition = obj.definition;
  if (obj.definition_type === 'statement') {
    if (!isRecord(definition) || typeof definition.statement !== 'string') {
      sink.error(
        '/definition/statement',
        'marking-definition',
        issueMessage('statementRequired'),
      );
    }
    return;
  }
  if (obj.definition_type !== 'tlp') return;
  const level = isRecord(definition) ? definition.tlp : undefined;
  if (!TLP1_LEVELS.includes(level as Tlp1Level)) {
    sink.error('/definition/tlp', 'tlp-marking', issueMessage('oneOfValues', { values: TLP1_LEVELS.join(', ') }));
    return;
  }
  const tlp = level as Tlp1Level;
  if (obj.id !== TLP1_MARKING_IDS[tlp])
    sink.error('/id', 'tlp-marking', issueMessage('tlpId', { tlp: `TLP ${tlp}`, id: TLP1_MARKING_IDS[tlp] }));
  if (obj.name !== undefined && obj.name !== `TLP:${tlp.toUpperCase()}`)
    sink.error('/name', 'tlp-marking', issueMessage('tlpName', { tlp: `TLP ${tlp}`, name: `TLP:${tlp.toUpperCase()}` }));
  if (obj.created !== TLP1_CREATED)
    sink.error('/created', 'tlp-marking', issueMessage('tlp1Created', { created: TLP1_CREATED }));
}

function checkTlp2(obj: Readonly<Record<string, unknown>>, extension: unknown, sink: IssueSink): void {
  const at = `/extensions/${TLP2_EXTENSION_ID}`;
  if (!isRecord(extension)) return; // the schema reports the shape
  if (extension.extension_type !== 'property-extension')
    sink.error(`${at}/extension_type`, 'tlp-marking', issueMessage('tlp2ExtensionType'));
  const level = extension.tlp_2_0;
  if (!TLP_LEVELS.includes(level as TlpLevel)) {
    sink.error(`${at}/tlp_2_0`, 'tlp-marking', issueMessage('oneOfValues', { values: TLP_LEVELS.join(', ') }));
    return;
  }
  const tlp = level as TlpLevel;
  if (obj.id !== TLP2_MARKING_IDS[tlp])
    sink.error(
      '/id',
      'tlp-marking',
      issueMessage('tlpId', { tlp: `TLP:${tlp.toUpperCase()}`, id: TLP2_MARKING_IDS[tlp] }),
    );
  if (obj.name !== tlpName(tlp))
    sink.error('/name', 'tlp-marking', issueMessage('tlpName', { tlp: `TLP 2.0 ${tlp}`, name: tlpName(tlp) }));
}

/**
 * marking-definition content: statement and TLP 1.0 definitions, the TLP 2.0 extension with its
 * canonical ids and names, and no marking of itself (no circular references).
 */
export const checkMarkingDefinition: ObjectRule = (obj, type, sink) => {
  if (type.type !== 'marking-definition') return;
  const extensions = isRecord(obj.extensions) ? obj.extensions : undefined;
  if (extensions === undefined) {
    if (obj.definition_type === undefined)
      sink.error(
        '/definition_type',
        'required-property',
        issueMessage('definitionRequired', { property: 'definition_type' }),
      );
    if (obj.definition === undefined)
      sink.error('/definition', 'required-property', issueMessage('definitionRequired', { property: 'definition' }));
  }
  if ((obj.definition_type === undefined) !== (obj.definition === undefined)) {
    sink.error(
      obj.definition === undefined ? '/definition' : '/definition_type',
      'property-combination',
      issueMessage('definitionPair'),
    );
  }
  checkStatementOrTlp1(obj, sink);
  if (extensions?.[TLP2_EXTENSION_ID] !== undefined) checkTlp2(obj, extensions[TLP2_EXTENSION_ID], sink);
  const refs = obj.object_marking_refs;
  if (Array.isArray(refs)) {
    refs.forEach((id, i) => {
      if (id === obj.id)
        sink.error(
          `/object_marking_refs/${i}`,
          'marking-circular',
          issueMessage('markingItself'),
        );
    });
  }
};

function resolves(obj: Readonly<Record<string, unknown>>, selector: string): boolean {
  let node: unknown = obj;
  for (const segment of selector.split('.')) {
    const index = INDEX.exec(segment);
    if (index) {
      if (!Array.isArray(node)) return false;
      node = node[Number(index[1])];
    } else {
      // Own properties only: a selector like "constructor" must not resolve through the prototype.
      if (!isRecord(node) || !Object.hasOwn(node, segment)) return false;
      node = node[segment];
    }
    if (node === undefined) return false;
  }
  return true;
}

function checkGranularMarking(
  obj: Readonly<Record<string, unknown>>,
  marking: Readonly<Record<string, unknown>>,
  at: string,
  sink: IssueSink,
): void {
  if ((marking.marking_ref === undefined) === (marking.lang === undefined)) {
    sink.error(at, 'property-combination', issueMessage('granularOneOf'));
  }
  if (obj.type === 'marking-definition' && marking.marking_ref === obj.id) {
    sink.error(`${at}/marking_ref`, 'marking-circular', issueMessage('markingItself'));
  }
  const selectors = marking.selectors;
  if (!Array.isArray(selectors)) return;
  selectors.forEach((selector: unknown, i) => {
    if (typeof selector !== 'string') return;
    if (!SELECTOR.test(selector))
      sink.error(
        `${at}/selectors/${i}`,
        'granular-selector',
        issueMessage('selectorInvalid', { selector: JSON.stringify(selector) }),
      );
    else if (!resolves(obj, selector))
      sink.error(
        `${at}/selectors/${i}`,
        'granular-selector',
        issueMessage('selectorEmpty', { selector: JSON.stringify(selector) }),
      );
  });
}

/** Granular markings: one of marking_ref/lang, and every selector is well-formed and resolves. */
export const checkGranularMarkings: ObjectRule = (obj, _type, sink) => {
  const markings = obj.granular_markings;
  if (!Array.isArray(markings)) return;
  markings.forEach((marking: unknown, i) => {
    if (isRecord(marking)) checkGranularMarking(obj, marking, `/granular_markings/${i}`, sink);
  });
};
