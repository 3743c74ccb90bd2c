/**
 * MISP event JSON (MISP core format, the body of /events/view and of feed files) as far as the
 * mapping reads or writes it. Numbers often arrive as strings ("1"), so input fields are loose;
 * everything Accord writes follows what MISP itself exports.
 */
export type MispScalar = string | number | boolean | null | undefined;

export interface MispTag {
  readonly name?: string;
  readonly colour?: string;
  readonly local?: boolean | string | number;
  readonly [key: string]: unknown;
}

export interface MispOrg {
  readonly name?: string;
  readonly uuid?: string;
  readonly [key: string]: unknown;
}

export interface MispSighting {
  readonly uuid?: string;
  readonly date_sighting?: string | number;
  /** 0 sighting, 1 false positive, 2 expiration. */
  readonly type?: string | number;
  readonly source?: string;
  readonly attribute_uuid?: string;
  readonly attribute_id?: string | number;
  readonly Organisation?: MispOrg;
  readonly [key: string]: unknown;
}

export interface MispGalaxyCluster {
  readonly uuid?: string;
  readonly type?: string;
  readonly value?: string;
  readonly tag_name?: string;
  readonly description?: string;
  readonly meta?: Readonly<Record<string, unknown>>;
  readonly [key: string]: unknown;
}

export interface MispGalaxy {
  readonly uuid?: string;
  readonly name?: string;
  readonly type?: string;
  readonly namespace?: string;
  readonly description?: string;
  readonly GalaxyCluster?: readonly MispGalaxyCluster[];
  readonly [key: string]: unknown;
}

export interface MispAttribute {
  readonly id?: string | number;
  readonly uuid?: string;
  readonly type?: string;
  readonly category?: string;
  readonly value?: string;
  readonly to_ids?: boolean | string | number;
  readonly comment?: string;
  readonly timestamp?: string | number;
  readonly distribution?: string | number;
  readonly sharing_group_id?: string | number;
  readonly object_relation?: string | null;
  readonly first_seen?: string | null;
  readonly last_seen?: string | null;
  readonly deleted?: boolean | string | number;
  readonly data?: string;
  readonly Tag?: readonly MispTag[];
  readonly Galaxy?: readonly MispGalaxy[];
  readonly Sighting?: readonly MispSighting[];
  readonly [key: string]: unknown;
}

export interface MispObjectReference {
  readonly uuid?: string;
  readonly object_uuid?: string;
  readonly referenced_uuid?: string;
  readonly relationship_type?: string;
  readonly comment?: string;
  readonly [key: string]: unknown;
}

export interface MispObject {
  readonly uuid?: string;
  readonly name?: string;
  readonly 'meta-category'?: string;
  readonly description?: string;
  readonly template_uuid?: string;
  readonly template_version?: string | number;
  readonly comment?: string;
  readonly timestamp?: string | number;
  readonly distribution?: string | number;
  readonly sharing_group_id?: string | number;
  readonly first_seen?: string | null;
  readonly last_seen?: string | null;
  readonly deleted?: boolean | string | number;
  readonly Attribute?: readonly MispAttribute[];
  readonly ObjectReference?: readonly MispObjectReference[];
  readonly [key: string]: unknown;
}

export interface MispSharingGroup {
  readonly uuid?: string;
  readonly name?: string;
  readonly [key: string]: unknown;
}

export interface MispEventReport {
  readonly uuid?: string;
  readonly name?: string;
  readonly content?: string;
  readonly timestamp?: string | number;
  readonly deleted?: boolean | string | number;
  readonly [key: string]: unknown;
}

export interface MispEventBody {
  readonly uuid?: string;
  readonly info?: string;
  readonly date?: string;
  readonly timestamp?: string | number;
  readonly publish_timestamp?: string | number;
  readonly published?: boolean | string | number;
  readonly threat_level_id?: string | number;
  readonly analysis?: string | number;
  readonly distribution?: string | number;
  readonly sharing_group_id?: string | number;
  readonly Orgc?: MispOrg;
  readonly Org?: MispOrg;
  readonly Tag?: readonly MispTag[];
  readonly Attribute?: readonly MispAttribute[];
  readonly Object?: readonly MispObject[];
  readonly Galaxy?: readonly MispGalaxy[];
  readonly Sighting?: readonly MispSighting[];
  readonly EventReport?: readonly MispEventReport[];
  readonly RelatedEvent?: readonly unknown[];
  readonly SharingGroup?: MispSharingGroup;
  readonly [key: string]: unknown;
}

/** What Accord writes: `{"Event": {...}}`, importable by MISP (events/add, feeds, upload). */
export interface MispEvent {
  readonly Event: MispEventOut;
}

export interface MispTagOut {
  readonly name: string;
}

export interface MispSightingOut {
  readonly uuid: string;
  readonly date_sighting: string;
  readonly type: '0' | '1' | '2';
  readonly source?: string;
  readonly Organisation?: { readonly name: string; readonly uuid?: string };
}

export interface MispAttributeOut {
  readonly uuid: string;
  readonly type: string;
  readonly category: string;
  readonly value: string;
  readonly to_ids: boolean;
  readonly distribution: string;
  readonly comment: string;
  readonly timestamp: string;
  readonly disable_correlation: boolean;
  readonly object_relation?: string;
  readonly first_seen?: string;
  readonly last_seen?: string;
  readonly sharing_group_id?: string;
  // Filled in after the attribute is made (galaxies, sightings), hence not readonly.
  Tag?: MispTagOut[];
  Galaxy?: MispGalaxyOut[];
  Sighting?: MispSightingOut[];
}

export interface MispObjectOut {
  readonly uuid: string;
  readonly name: string;
  readonly 'meta-category': string;
  readonly distribution: string;
  readonly comment: string;
  readonly timestamp: string;
  readonly template_uuid?: string;
  readonly template_version?: string;
  readonly first_seen?: string;
  readonly last_seen?: string;
  readonly sharing_group_id?: string;
  readonly Attribute: MispAttributeOut[];
  ObjectReference?: Array<{
    uuid: string;
    object_uuid: string;
    referenced_uuid: string;
    relationship_type: string;
    comment: string;
  }>;
}

export interface MispGalaxyClusterOut {
  readonly uuid: string;
  readonly type: string;
  readonly value: string;
  readonly tag_name: string;
  readonly description: string;
  readonly meta?: Record<string, unknown>;
}

export interface MispGalaxyOut {
  readonly uuid?: string;
  readonly name: string;
  readonly type: string;
  readonly namespace: string;
  readonly GalaxyCluster: MispGalaxyClusterOut[];
}

export interface MispEventOut {
  readonly uuid: string;
  readonly info: string;
  readonly date: string;
  readonly timestamp: string;
  readonly published: boolean;
  readonly publish_timestamp?: string;
  readonly threat_level_id: string;
  readonly analysis: string;
  readonly distribution: string;
  readonly sharing_group_id?: string;
  readonly SharingGroup?: { readonly uuid: string; readonly name: string };
  readonly Orgc?: { readonly name: string; readonly uuid?: string };
  readonly Tag: MispTagOut[];
  readonly Attribute: MispAttributeOut[];
  readonly Object: MispObjectOut[];
  readonly Galaxy: MispGalaxyOut[];
  readonly EventReport?: Array<{
    uuid: string;
    name: string;
    content: string;
    distribution: string;
    timestamp: string;
  }>;
}
