import {
  extensionsSchema,
  markingCommonProperties,
  scoCommonProperties,
  sdoCommonProperties,
  type JsonSchema,
} from './common.schema.js';
import { metaSpecs } from './meta.schema.js';
import { scoSpecs } from './sco.schema.js';
import { sdoSpecs, sroSpecs } from './sdo.schema.js';
import { ref, toTypes, type RefRule, type StixCategory, type TypeSpec } from './type-spec.js';

/** A type ready for validation: the full schema, every declared property, every reference. */
export interface ResolvedType {
  readonly type: string;
  readonly category: StixCategory;
  readonly spec: TypeSpec;
  readonly schema: JsonSchema;
  /** Property names the spec defines for this type (anything else is a custom property). */
  readonly known: ReadonlySet<string>;
  readonly refs: readonly RefRule[];
  /** Versioned like an SDO: spec_version, created and modified are required, millisecond precision. */
  readonly versioned: boolean;
}

const markingRefs: readonly RefRule[] = [
  ref('object_marking_refs', toTypes('marking-definition')),
  ref('granular_markings.*.marking_ref', toTypes('marking-definition')),
];
const createdByRef = ref('created_by_ref', toTypes('identity'));

function commonOf(spec: TypeSpec): { properties: Readonly<Record<string, JsonSchema>>; required: string[] } {
  if (spec.category === 'sco') return { properties: scoCommonProperties, required: ['type', 'id'] };
  if (spec.type === 'marking-definition')
    return { properties: markingCommonProperties, required: ['type', 'id', 'created'] };
  return { properties: sdoCommonProperties, required: ['type', 'id', 'created', 'modified'] };
}

function resolve(spec: TypeSpec, category: StixCategory = spec.category): ResolvedType {
  const common = commonOf(spec);
  const properties = {
    ...common.properties,
    ...spec.properties,
    extensions: extensionsSchema(spec.extensions),
  };
  const required = [...new Set([...common.required, ...(spec.required ?? [])])];
  const schema: JsonSchema = {
    $id: `https://accord.invalid/stix/${spec.type}.json`,
    type: 'object',
    properties,
    required,
  };
  const commonRefs = 'created_by_ref' in common.properties ? [createdByRef, ...markingRefs] : markingRefs;
  return {
    type: spec.type,
    category,
    spec,
    schema,
    known: new Set(Object.keys(properties)),
    refs: [...commonRefs, ...(spec.refs ?? [])],
    versioned: category !== 'sco' && spec.type !== 'marking-definition',
  };
}

const specs: readonly TypeSpec[] = [...sdoSpecs, ...sroSpecs, ...scoSpecs, ...metaSpecs];
const registry = new Map<string, ResolvedType>(specs.map((spec) => [spec.type, resolve(spec)]));

/** The resolved definition of a type the STIX 2.1 spec defines, or undefined for any other type. */
export function specType(type: string): ResolvedType | undefined {
  return registry.get(type);
}

/** Every type the STIX 2.1 spec defines (bundle excluded), in spec order. */
export function specTypeNames(): string[] {
  return [...registry.keys()];
}

const customSpec: TypeSpec = {
  type: 'custom',
  category: 'sdo',
  properties: { defanged: scoCommonProperties.defanged ?? {} },
};

/**
 * Custom objects are checked against the common properties only. One that looks like an SDO/SRO
 * (it has created or modified, or declares a new-sdo/new-sro extension) must carry all of theirs;
 * one that looks like an SCO needs only type and id.
 */
export const customVersioned: ResolvedType = { ...resolve(customSpec, 'custom'), type: 'custom-versioned' };
export const customObservable: ResolvedType = {
  ...customVersioned,
  type: 'custom-observable',
  schema: {
    ...customVersioned.schema,
    $id: 'https://accord.invalid/stix/custom-observable.json',
    required: ['type', 'id'],
  },
  versioned: false,
};
