import type { StixObject } from '../api/types';

/** STIX types the UI names in every language (others show their type name as is). */
export const knownTypes = [
  'attack-pattern',
  'campaign',
  'course-of-action',
  'grouping',
  'identity',
  'incident',
  'indicator',
  'infrastructure',
  'intrusion-set',
  'location',
  'malware',
  'malware-analysis',
  'note',
  'observed-data',
  'opinion',
  'report',
  'threat-actor',
  'tool',
  'vulnerability',
  'relationship',
  'sighting',
  'marking-definition',
  'language-content',
  'extension-definition',
] as const;

/** The types offered in the search filter and counted on the dashboard, most used first. */
export const filterTypes = [
  'indicator',
  'malware',
  'attack-pattern',
  'vulnerability',
  'report',
  'incident',
  'threat-actor',
  'intrusion-set',
  'campaign',
  'tool',
  'infrastructure',
  'course-of-action',
  'identity',
  'observed-data',
  'sighting',
  'relationship',
  'note',
  'grouping',
] as const;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** What a person calls an object: its name, else a telling property, else its id. */
export function displayName(object: StixObject): string {
  const name = str(object.name);
  if (name) return name;
  switch (object.type) {
    case 'relationship': {
      const ends = [object.source_ref, object.target_ref].map((r) =>
        typeof r === 'string' ? typeOfId(r) : '?',
      );
      return `${str(object.relationship_type) ?? 'related-to'} (${ends.join(' → ')})`;
    }
    case 'sighting':
      return str(object.sighting_of_ref) ?? object.id;
    case 'note':
      return str(object.abstract) ?? str(object.content)?.slice(0, 80) ?? object.id;
    case 'opinion':
      return str(object.opinion) ?? object.id;
    case 'marking-definition':
      return str(object.name) ?? object.id;
    default:
      break;
  }
  return str(object.value) ?? str(object.pattern) ?? object.id;
}

/** Properties shown as the object's key facts, per type, in this order. */
const keyProperties: Readonly<Record<string, readonly string[]>> = {
  indicator: [
    'pattern',
    'pattern_type',
    'indicator_types',
    'valid_from',
    'valid_until',
    'kill_chain_phases',
    'confidence',
  ],
  report: ['report_types', 'published', 'object_refs'],
  vulnerability: ['external_references'],
  incident: ['kill_chain_phases'],
  malware: [
    'is_family',
    'malware_types',
    'aliases',
    'first_seen',
    'last_seen',
    'capabilities',
    'implementation_languages',
    'architecture_execution_envs',
  ],
  'attack-pattern': ['aliases', 'kill_chain_phases', 'external_references'],
  'threat-actor': [
    'threat_actor_types',
    'aliases',
    'roles',
    'goals',
    'sophistication',
    'resource_level',
    'primary_motivation',
    'first_seen',
    'last_seen',
  ],
  'intrusion-set': ['aliases', 'goals', 'resource_level', 'primary_motivation', 'first_seen', 'last_seen'],
  campaign: ['aliases', 'objective', 'first_seen', 'last_seen'],
  tool: ['tool_types', 'aliases', 'tool_version', 'kill_chain_phases'],
  infrastructure: ['infrastructure_types', 'aliases', 'first_seen', 'last_seen'],
  identity: ['identity_class', 'sectors', 'roles', 'contact_information'],
  location: ['region', 'country', 'administrative_area', 'city', 'latitude', 'longitude'],
  relationship: ['relationship_type', 'source_ref', 'target_ref', 'start_time', 'stop_time'],
  sighting: [
    'sighting_of_ref',
    'count',
    'first_seen',
    'last_seen',
    'where_sighted_refs',
    'observed_data_refs',
  ],
  'observed-data': ['first_observed', 'last_observed', 'number_observed', 'object_refs'],
  'course-of-action': ['action_type', 'os_execution_envs'],
  grouping: ['context', 'object_refs'],
  note: ['abstract', 'content', 'authors', 'object_refs'],
  opinion: ['opinion', 'explanation', 'authors', 'object_refs'],
  'malware-analysis': ['product', 'version', 'result', 'analysis_started', 'analysis_ended', 'sample_ref'],
};

/** Common properties shown for every object after the key ones. */
export const commonProperties = [
  'created_by_ref',
  'created',
  'modified',
  'labels',
  'lang',
  'confidence',
  'revoked',
] as const;

export function keyPropertiesOf(type: string): readonly string[] {
  return keyProperties[type] ?? [];
}

const REF = /^[a-z0-9-]+--[0-9a-fA-F-]{36}$/;

export function isStixId(value: unknown): value is string {
  return typeof value === 'string' && REF.test(value);
}

/** The ids an object points at through *_ref and *_refs properties (markings excluded), with the property. */
export function referencesOf(object: StixObject): Array<{ property: string; id: string }> {
  const out: Array<{ property: string; id: string }> = [];
  for (const [key, value] of Object.entries(object)) {
    if (key === 'object_marking_refs' || key === 'id') continue;
    if (key.endsWith('_ref') && isStixId(value)) out.push({ property: key, id: value });
    else if (key.endsWith('_refs') && Array.isArray(value))
      for (const v of value) if (isStixId(v)) out.push({ property: key, id: v });
  }
  return out;
}

/** The type part of a STIX id. */
export function typeOfId(id: string): string {
  return id.split('--')[0] ?? id;
}

/** A CVE (or other) identifier of a vulnerability from its external references. */
export function externalIds(object: StixObject): string[] {
  const refs = Array.isArray(object.external_references) ? (object.external_references as unknown[]) : [];
  return refs.flatMap((r) => {
    const ref = r as { source_name?: unknown; external_id?: unknown };
    return typeof ref.external_id === 'string'
      ? [`${typeof ref.source_name === 'string' ? `${ref.source_name}: ` : ''}${ref.external_id}`]
      : [];
  });
}
