import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createStixValidator } from '../stix/stix-validator.js';
import { TLP2_MARKING_IDS } from '../stix/tlp.js';
import { accordDefinitionObjects, accordIdentity } from './exchange-definitions.js';
import { ACCORD_IDENTITY_ID, ASSESSMENT_EXTENSION_ID, ASSISTANCE_REQUEST_TYPE, EARLY_WARNING_TYPE, EXTENSION_IDS, REQUEST_STEP_TYPE, WARNING_ACK_TYPE } from './exchange-ids.js';
import { exchangeKinds } from './exchange-kinds.js';
import { newExchangeObject, nextVersion } from './exchange-objects.js';
import { checkExchangeKinds } from './exchange-rules.js';

const validator = createStixValidator({ extraRules: [checkExchangeKinds] });
const plain = createStixValidator();
const AUTHORITY = 'identity--3f1d2c4b-5a6e-4f70-8a91-b2c3d4e5f607';
const AT = Date.parse('2026-12-01T02:00:00.000Z') * 1000;

const warning = (props: Record<string, unknown> = {}) => newExchangeObject(EARLY_WARNING_TYPE, AT, AUTHORITY, {
  agreement: 'cn-ru-2015', name: 'Ransomware campaign', lang: 'en', warning_severity: 'high', threat_category: 'crime', sending_party: 'CN',
  addressees: [{ party: 'RU' }], warning_status: 'active', object_marking_refs: [TLP2_MARKING_IDS.amber], ...props,
});
const ack = (props: Record<string, unknown> = {}) => newExchangeObject(WARNING_ACK_TYPE, AT, AUTHORITY, {
  warning_ref: `${EARLY_WARNING_TYPE}--0d6a3a3c-8a6c-4f7e-9d4c-0e0e1f2a3b4c`, warning_modified: '2026-12-01T02:00:00.000Z', acknowledging_party: 'RU', acknowledged_by: 'Ivanova', ...props,
});
const request = (props: Record<string, unknown> = {}) => newExchangeObject(ASSISTANCE_REQUEST_TYPE, AT, AUTHORITY, {
  agreement: 'cn-ru-2015', name: 'Preserve logs', lang: 'ru', legal_basis: ['art-3.5'], threat_category: 'crime', facts: 'A botnet attacked the grid',
  assistance: [{ kind: 'preserve-logs' }], urgency: 'urgent', requesting_party: 'RU', addressee: { party: 'CN' }, ...props,
});
const step = (props: Record<string, unknown> = {}) => newExchangeObject(REQUEST_STEP_TYPE, AT, AUTHORITY, {
  request_ref: `${ASSISTANCE_REQUEST_TYPE}--0d6a3a3c-8a6c-4f7e-9d4c-0e0e1f2a3b4c`, step_kind: 'acceptance', acting_party: 'CN', ...props,
});

function errors(value: unknown, v = validator): string[] {
  return v.validateObject(value).issues.filter((i) => i.severity === 'error').map((i) => `${i.path} ${i.rule}`);
}

describe('Accord exchange kinds', () => {
  it('publishes an identity and one extension-definition per kind, all valid STIX 2.1, with fixed ids', () => {
    const objects = accordDefinitionObjects();
    expect(objects[0]).toEqual(accordIdentity());
    expect(objects.map((o) => o.id)).toEqual([ACCORD_IDENTITY_ID, ...Object.values(EXTENSION_IDS)]);
    expect(new Set(objects.map((o) => o.id)).size).toBe(objects.length);
    for (const object of objects) expect(errors(object), object.id).toEqual([]);
    const earlyWarning = objects.find((o) => o.id === EXTENSION_IDS[EARLY_WARNING_TYPE]);
    expect(earlyWarning).toMatchObject({ created_by_ref: ACCORD_IDENTITY_ID, extension_types: ['new-sdo'], schema: 'https://accord.invalid/docs/exchange-objects.md#accord-early-warning', version: '1.0.0' });
    expect(objects.find((o) => o.id === ASSESSMENT_EXTENSION_ID)).toMatchObject({ extension_types: ['property-extension'] });
  });

  it('documents every kind, its extension id and its properties in docs/exchange-objects.md', () => {
    const doc = readFileSync(new URL('../../docs/exchange-objects.md', import.meta.url), 'utf8');
    for (const kind of exchangeKinds.values()) {
      expect(doc, kind.type).toContain(kind.extensionId);
      expect(doc, kind.type).toContain(`<a id="${kind.type}"></a>`);
      const properties = kind.extensionType === 'new-sdo' ? (kind.schema.properties as Record<string, unknown>) : (kind.schema.properties as Record<string, unknown>);
      for (const property of Object.keys(properties)) expect(doc, `${kind.type}.${property}`).toContain(`\`${property}\``);
    }
  });

  it('accepts a valid object of each kind and an assessment opinion', () => {
    expect(errors(warning({ affected_sectors: ['energy'], related_refs: ['indicator--0d6a3a3c-8a6c-4f7e-9d4c-0e0e1f2a3b4c'], recommended_actions: ['Block'] }))).toEqual([]);
    expect(errors(ack({ comment: 'seen' }))).toEqual([]);
    expect(errors(request({ assistance: [{ kind: 'other', details: 'Name a contact' }], response_requested_by: '2026-12-20T16:00:00.000Z' }))).toEqual([]);
    expect(errors(step({ step_kind: 'declination', reasons: ['Outside our jurisdiction'] }))).toEqual([]);
    const opinion = {
      type: 'opinion', spec_version: '2.1', id: 'opinion--0d6a3a3c-8a6c-4f7e-9d4c-0e0e1f2a3b4c', created: '2026-12-01T02:00:00.000Z', modified: '2026-12-01T02:00:00.000Z',
      opinion: 'agree', object_refs: [warning().id],
      extensions: { [ASSESSMENT_EXTENSION_ID]: { extension_type: 'property-extension', warning_ref: warning().id, assessing_party: 'RU', actions_taken: ['Blocked'] } },
    };
    expect(errors(opinion)).toEqual([]);
    expect(errors({ ...opinion, extensions: { [ASSESSMENT_EXTENSION_ID]: { extension_type: 'property-extension', warning_ref: 'indicator--0d6a3a3c-8a6c-4f7e-9d4c-0e0e1f2a3b4c' } } }))
      .toEqual([`/extensions/${ASSESSMENT_EXTENSION_ID}/assessing_party required-property`, `/extensions/${ASSESSMENT_EXTENSION_ID}/warning_ref property-pattern`]);
  });

  it('checks the kinds fully, where the STIX layer alone checks only common properties', () => {
    const broken = warning({ warning_severity: 'apocalyptic', addressees: [], sending_party: 'China' });
    delete (broken as Record<string, unknown>).name;
    expect(errors(broken, plain)).toEqual([]);
    expect(errors(broken)).toEqual(['/name required-property', '/warning_severity property-value', '/sending_party property-pattern', '/addressees empty-list']);
  });

  it('reports the problems users make', () => {
    expect(errors(warning({ severity: 'high' }))).toEqual(['/severity reserved-property']);
    expect(errors({ ...warning(), extensions: undefined })).toEqual(['/type type-unknown']);
    expect(errors({ ...warning(), extensions: { [EXTENSION_IDS[WARNING_ACK_TYPE]]: { extension_type: 'new-sdo' } } })).toEqual([`/extensions/${EXTENSION_IDS[EARLY_WARNING_TYPE]} extension-key`]);
    expect(errors({ ...warning(), type: 'accord-unknown-kind', id: 'accord-unknown-kind--0d6a3a3c-8a6c-4f7e-9d4c-0e0e1f2a3b4c' })).toContain('/type type-unknown');
    expect(errors(step({ step_kind: 'declination' }))).toEqual(['/reasons required-property']);
    expect(errors(request({ assistance: [{ kind: 'other' }] }))).toEqual(['/assistance/0/details required-property']);
    expect(errors(request({ urgency: 'yesterday', legal_basis: [] }))).toEqual(['/legal_basis empty-list', '/urgency property-value']);
    expect(errors(ack({ warning_ref: 'indicator--0d6a3a3c-8a6c-4f7e-9d4c-0e0e1f2a3b4c' }))).toEqual(['/warning_ref property-pattern']);
    expect(errors(warning({ created_by_ref: undefined }))).toEqual(['/created_by_ref required-property']);
  });

  it('versions an object 1 ms apart when the clock has not moved', () => {
    const first = warning();
    const second = nextVersion(first, AT, { warning_status: 'withdrawn' });
    expect(second.modified).toBe('2026-12-01T02:00:00.001Z');
    expect(second.created).toBe(first.created);
    expect(errors(second)).toEqual([]);
  });
});
