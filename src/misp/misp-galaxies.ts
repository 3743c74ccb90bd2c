import type { MispGalaxy, MispGalaxyCluster, MispGalaxyClusterOut, MispGalaxyOut } from './misp.types.js';
import { REFERENCE_TIME } from './misp-markings.js';
import type { JsonRecord } from './observable-terms.js';
import { derivedId, derivedMispUuid } from './stix-ids.js';

/**
 * MISP galaxy clusters ↔ STIX SDOs. Clusters are reference knowledge shared by many events, so
 * their SDO ids come from the cluster uuid alone and carry the fixed REFERENCE_TIME: importing
 * the same cluster from two events yields the same object version.
 */
type SdoType = 'threat-actor' | 'intrusion-set' | 'malware' | 'tool' | 'attack-pattern' | 'course-of-action';

const MALWARE_TYPES: Readonly<Record<string, string>> = {
  ransomware: 'ransomware',
  rat: 'remote-access-trojan',
  botnet: 'bot',
  backdoor: 'backdoor',
  'exploit-kit': 'exploit-kit',
  stealer: 'spyware',
  banker: 'trojan',
};

function sdoTypeOf(galaxyType: string): SdoType | undefined {
  if (galaxyType === 'threat-actor') return 'threat-actor';
  if (/intrusion-set|activity-group/.test(galaxyType)) return 'intrusion-set';
  if (/attack-pattern/.test(galaxyType)) return 'attack-pattern';
  if (/course-of-action/.test(galaxyType)) return 'course-of-action';
  if (/(^|-)tool$/.test(galaxyType)) return 'tool';
  if (
    /(^|-)malware$/.test(galaxyType) ||
    galaxyType === 'malpedia' ||
    galaxyType === 'android' ||
    MALWARE_TYPES[galaxyType]
  ) {
    return 'malware';
  }
  return undefined;
}

const ATTACK_ID = /^(.*?)\s+-\s+((?:T|S|G|M|TA)\d{4}(?:\.\d{3})?)$/;

function stringList(value: unknown): string[] {
  if (typeof value === 'string' && value) return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.length > 0) : [];
}

export type GalaxyResult = { readonly object: JsonRecord } | { readonly reason: string };

/** The SDO for one cluster of a galaxy, or why there is none. */
export function clusterToSdo(galaxy: MispGalaxy, cluster: MispGalaxyCluster): GalaxyResult {
  const galaxyType = cluster.type ?? galaxy.type ?? '';
  const type = sdoTypeOf(galaxyType);
  if (!type)
    return { reason: `galaxy type ${galaxyType || '(none)'} has no STIX 2.1 object; kept as a label` };
  const value = cluster.value ?? '';
  if (!value) return { reason: 'galaxy cluster without a value' };
  const attack = ATTACK_ID.exec(value);
  const name = attack?.[1] ?? value;
  const externalIds = stringList(cluster.meta?.external_id);
  const attackId = attack?.[2] ?? externalIds.find((id) => /^(T|S|G|M|TA)\d{4}/.test(id));
  const refs = stringList(cluster.meta?.refs);
  const externalReferences = [
    ...(attackId
      ? [{ source_name: 'mitre-attack', external_id: attackId, ...(refs[0] ? { url: refs[0] } : {}) }]
      : []),
    ...refs.slice(attackId ? 1 : 0).map((url) => ({ source_name: 'misp-galaxy', url })),
  ];
  const aliases = stringList(cluster.meta?.synonyms).filter((alias) => alias !== name);
  const clusterUuid = cluster.uuid ?? derivedMispUuid('cluster', galaxyType, value);
  const object: Record<string, unknown> = {
    type,
    spec_version: '2.1',
    id: derivedId(type, clusterUuid),
    created: REFERENCE_TIME,
    modified: REFERENCE_TIME,
    name,
    ...(cluster.description ? { description: cluster.description } : {}),
    ...(aliases.length > 0 && type !== 'attack-pattern' && type !== 'course-of-action' ? { aliases } : {}),
    ...(externalReferences.length > 0 ? { external_references: externalReferences } : {}),
    x_misp_galaxy: {
      galaxy_type: galaxyType,
      galaxy_name: galaxy.name ?? galaxyType,
      galaxy_namespace: galaxy.namespace ?? 'misp',
      ...(galaxy.uuid ? { galaxy_uuid: galaxy.uuid } : {}),
      cluster_uuid: clusterUuid,
      cluster_value: value,
      tag_name: cluster.tag_name ?? `misp-galaxy:${galaxyType}="${value}"`,
    },
  };
  if (type === 'malware') {
    object.is_family = true;
    const malwareType = MALWARE_TYPES[galaxyType];
    if (malwareType) object.malware_types = [malwareType];
  }
  return { object };
}

/**
 * Labels for data: its plain tags plus the galaxy tags whose cluster does not become an SDO
 * (missing from the galaxy list, or of a kind STIX has no object for), so no tag is lost.
 */
export function labelsOf(
  reading: { labels: readonly string[]; galaxyTags: readonly string[] },
  galaxies: readonly MispGalaxy[] | undefined,
): string[] {
  const covered = new Set<string>();
  for (const galaxy of galaxies ?? []) {
    for (const cluster of galaxy.GalaxyCluster ?? []) {
      const result = clusterToSdo(galaxy, cluster);
      if ('object' in result) covered.add(cluster.tag_name ?? '');
    }
  }
  return [...reading.labels, ...reading.galaxyTags.filter((tag) => !covered.has(tag))];
}

/** Types of SDO that export as galaxy clusters. */
export const GALAXY_SDO_TYPES = new Set<string>([
  'threat-actor',
  'intrusion-set',
  'malware',
  'tool',
  'attack-pattern',
  'course-of-action',
]);

interface GalaxyMeta {
  galaxy_type?: unknown;
  galaxy_name?: unknown;
  galaxy_namespace?: unknown;
  galaxy_uuid?: unknown;
  cluster_uuid?: unknown;
  cluster_value?: unknown;
  tag_name?: unknown;
}

const DEFAULT_GALAXY: Readonly<Record<string, { plain: [string, string]; attack: [string, string] }>> = {
  'threat-actor': {
    plain: ['threat-actor', 'Threat Actor'],
    attack: ['mitre-intrusion-set', 'Intrusion Set'],
  },
  'intrusion-set': {
    plain: ['threat-actor', 'Threat Actor'],
    attack: ['mitre-intrusion-set', 'Intrusion Set'],
  },
  malware: { plain: ['malpedia', 'Malpedia'], attack: ['mitre-malware', 'Malware'] },
  tool: { plain: ['tool', 'Tool'], attack: ['mitre-tool', 'Tool'] },
  'attack-pattern': {
    plain: ['mitre-attack-pattern', 'Attack Pattern'],
    attack: ['mitre-attack-pattern', 'Attack Pattern'],
  },
  'course-of-action': {
    plain: ['mitre-course-of-action', 'Course of Action'],
    attack: ['mitre-course-of-action', 'Course of Action'],
  },
};

/** The galaxy (with its one cluster) an SDO exports as. */
export function sdoToGalaxy(sdo: JsonRecord): MispGalaxyOut | undefined {
  const type = String(sdo.type);
  const defaults = DEFAULT_GALAXY[type];
  const name = typeof sdo.name === 'string' ? sdo.name : undefined;
  if (!defaults || !name) return undefined;
  const meta = (
    typeof sdo.x_misp_galaxy === 'object' && sdo.x_misp_galaxy !== null ? sdo.x_misp_galaxy : {}
  ) as GalaxyMeta;
  const attackRef = Array.isArray(sdo.external_references)
    ? (sdo.external_references as JsonRecord[]).find(
        (r) => r.source_name === 'mitre-attack' && typeof r.external_id === 'string',
      )
    : undefined;
  const attackId = typeof attackRef?.external_id === 'string' ? attackRef.external_id : undefined;
  const [defaultType, defaultName] = attackId ? defaults.attack : defaults.plain;
  const galaxyType = typeof meta.galaxy_type === 'string' ? meta.galaxy_type : defaultType;
  const value =
    typeof meta.cluster_value === 'string' ? meta.cluster_value : attackId ? `${name} - ${attackId}` : name;
  const aliases = Array.isArray(sdo.aliases)
    ? sdo.aliases.filter((a): a is string => typeof a === 'string')
    : [];
  const cluster: MispGalaxyClusterOut = {
    uuid:
      typeof meta.cluster_uuid === 'string' ? meta.cluster_uuid : derivedMispUuid('cluster', String(sdo.id)),
    type: galaxyType,
    value,
    tag_name: typeof meta.tag_name === 'string' ? meta.tag_name : `misp-galaxy:${galaxyType}="${value}"`,
    description: typeof sdo.description === 'string' ? sdo.description : '',
    ...(aliases.length > 0 || attackId
      ? {
          meta: {
            ...(aliases.length > 0 ? { synonyms: aliases } : {}),
            ...(attackId ? { external_id: [attackId] } : {}),
          },
        }
      : {}),
  };
  return {
    ...(typeof meta.galaxy_uuid === 'string' ? { uuid: meta.galaxy_uuid } : {}),
    name: typeof meta.galaxy_name === 'string' ? meta.galaxy_name : defaultName,
    type: galaxyType,
    namespace:
      typeof meta.galaxy_namespace === 'string' ? meta.galaxy_namespace : attackId ? 'mitre-attack' : 'misp',
    GalaxyCluster: [cluster],
  };
}
