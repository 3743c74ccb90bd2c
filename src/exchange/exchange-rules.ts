import type { ObjectRule } from '../stix/rule-context.js';
import { compileSchema } from '../stix/schema-compiler.js';
import { reportSchemaErrors } from '../stix/schema-issues.js';
import { IssueSink, isRecord, pointerSegment } from '../stix/stix-issue.js';
import { exchangeKindMessage } from './exchange-kinds.messages.js';
import { exchangeKindOf, propertyExtensionKind, type ExchangeKind } from './exchange-kinds.js';

const ACCORD_PREFIX = 'accord-';

function schemaOf(kind: ExchangeKind) {
  return compileSchema({ ...kind.schema, $id: `https://accord.invalid/exchange/${kind.type}.json` });
}

function checkAgainst(kind: ExchangeKind, value: unknown, sink: IssueSink): void {
  const compiled = schemaOf(kind);
  // An `if` failure only says that its `then` failed, which is reported on its own.
  if (!compiled.fast(value)) reportSchemaErrors(compiled.detailed(value).filter((e) => e.keyword !== 'if'), sink);
}

function checkNewSdo(obj: Readonly<Record<string, unknown>>, kind: ExchangeKind, sink: IssueSink): void {
  const declared = isRecord(obj.extensions) ? obj.extensions[kind.extensionId] : undefined;
  if (!isRecord(declared) || declared.extension_type !== 'new-sdo')
    sink.error(`/extensions/${pointerSegment(kind.extensionId)}`, 'extension-key', exchangeKindMessage('newSdoRequired', { type: kind.type, extension: kind.extensionId }));
  checkAgainst(kind, obj, sink);
}

function checkPropertyExtensions(obj: Readonly<Record<string, unknown>>, sink: IssueSink): void {
  if (!isRecord(obj.extensions)) return;
  for (const key in obj.extensions) {
    const kind = propertyExtensionKind(key);
    if (!kind) continue;
    const at = `/extensions/${pointerSegment(key)}`;
    if (kind.appliesTo && !kind.appliesTo.includes(String(obj.type)))
      sink.error(at, 'extension-key', exchangeKindMessage('appliesTo', { name: kind.name, types: kind.appliesTo.join(', ') }));
    checkAgainst(kind, obj.extensions[key], new IssueSink(sink.issues, sink.base + at));
  }
}

/**
 * The validator rule for Accord's own kinds: a type of Accord's must be one Accord defines and
 * carry its properties as published; Accord's property extensions are checked wherever they
 * appear. (The STIX layer alone checks custom objects by their common properties only.)
 */
export const checkExchangeKinds: ObjectRule = (obj, _type, sink) => {
  const type = typeof obj.type === 'string' ? obj.type : '';
  const kind = exchangeKindOf(type);
  if (kind) checkNewSdo(obj, kind, sink);
  else if (type.startsWith(ACCORD_PREFIX)) sink.error('/type', 'type-unknown', exchangeKindMessage('unknownKind', { type }));
  checkPropertyExtensions(obj, sink);
};
