import {
  attributeUuid,
  importAttribute,
  importObject,
  type ImportContext,
  type Imported,
} from './misp-attribute-import.js';
import { clusterToSdo, labelsOf } from './misp-galaxies.js';
import {
  distributionOf,
  distributionTlp,
  papMarking,
  readTags,
  REFERENCE_TIME,
  sharingGroupMarking,
  stricter,
  tlpMarkingId,
  type TagReading,
} from './misp-markings.js';
import { compact, type MetaAttribute } from './misp-metadata.js';
import { mispTimeToStix } from './misp-time.js';
import type { MispAttribute, MispEventBody, MispGalaxy, MispOrg, MispSighting } from './misp.types.js';
import type { JsonRecord } from './observable-terms.js';
import { derivedId, derivedMispUuid } from './stix-ids.js';

export interface Unmapped {
  readonly path: string;
  readonly reason: string;
}

export interface EventImportCounts {
  attributes: number;
  objects: number;
  galaxyClusters: number;
  sightings: number;
}

export interface EventImportResult {
  readonly objects: JsonRecord[];
  readonly unmapped: Unmapped[];
  readonly counts: EventImportCounts;
}

const truthy = (value: unknown): boolean =>
  value === true || value === 1 || value === '1' || value === 'true';
const text = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
const ACTOR_TYPES = new Set(['threat-actor', 'intrusion-set']);
const USED_TYPES = new Set(['malware', 'tool', 'attack-pattern']);

/** Converts one MISP event body into STIX objects (see docs/misp-mapping.md for the mapping). */
export function importEvent(
  event: MispEventBody,
  path: string,
  options: { now: Date; producer?: { identityId: string } },
): EventImportResult {
  return new EventImport(event, path, options).run();
}

class EventImport implements ImportContext {
  readonly eventUuid: string;
  readonly createdBy: string | undefined;
  readonly eventModified: string;
  readonly reportId: string;
  private readonly objects = new Map<string, JsonRecord>();
  private readonly unmappedList: Unmapped[] = [];
  private readonly externalReferences: JsonRecord[] = [];
  private readonly linkMeta: MetaAttribute[] = [];
  private readonly eventTags: TagReading;
  private readonly eventDistribution: number | undefined;
  private readonly sharingGroup: { uuid: string; name: string } | undefined;
  /** MISP attribute/object uuid → the STIX object it became. */
  private readonly imported = new Map<string, Imported>();
  private readonly attributeIds = new Map<string, string>();
  private readonly sightings: Array<{
    sighting: MispSighting;
    attributeUuid: string | undefined;
    path: string;
  }> = [];
  private readonly attributeGalaxies: Array<{
    owner: Imported;
    galaxies: readonly MispGalaxy[];
    path: string;
    modified: string;
  }> = [];
  private readonly counts: EventImportCounts = { attributes: 0, objects: 0, galaxyClusters: 0, sightings: 0 };

  constructor(
    private readonly event: MispEventBody,
    private readonly path: string,
    private readonly options: { now: Date; producer?: { identityId: string } },
  ) {
    const uuid = text(event.uuid);
    if (!uuid)
      this.unmapped(`${path}/uuid`, 'event has no uuid; ids are derived from its info and date instead');
    this.eventUuid = uuid || derivedMispUuid('event', text(event.info), text(event.date));
    this.reportId = derivedId('report', this.eventUuid);
    this.eventModified =
      mispTimeToStix(event.timestamp) ?? mispTimeToStix(event.date) ?? options.now.toISOString();
    this.createdBy = this.organisation(event.Orgc ?? event.Org) ?? options.producer?.identityId;
    this.eventTags = readTags(event.Tag);
    this.eventDistribution = distributionOf(event.distribution);
    const group = event.SharingGroup;
    this.sharingGroup =
      group && text(group.uuid)
        ? { uuid: text(group.uuid), name: text(group.name) || text(group.uuid) }
        : undefined;
  }

  run(): EventImportResult {
    (this.event.Attribute ?? []).forEach((attribute, i) => this.attribute(attribute, i));
    (this.event.Object ?? []).forEach((object, i) => this.object(object, i));
    this.objectReferences();
    this.galaxies();
    (this.event.Sighting ?? []).forEach((sighting, i) =>
      this.sightings.push({ sighting, attributeUuid: undefined, path: `${this.path}/Sighting/${i}` }),
    );
    this.importSightings();
    this.eventReports();
    if ((this.event.RelatedEvent ?? []).length > 0) {
      this.unmapped(
        `${this.path}/RelatedEvent`,
        'links to other events of the MISP instance are not carried',
      );
    }
    this.report();
    const ordered = [...this.objects.values()].sort((a, b) => rank(a) - rank(b));
    return { objects: ordered, unmapped: this.unmappedList, counts: this.counts };
  }

  // ── ImportContext ─────────────────────────────────────────────────────────────────────────

  emit(object: JsonRecord): void {
    const id = String(object.id);
    const existing = this.objects.get(id);
    if (!existing) this.objects.set(id, object);
    else if (object.created === undefined) this.objects.set(id, mergeSco(existing, object));
  }

  unmapped(path: string, reason: string): void {
    this.unmappedList.push({ path, reason });
  }

  markingRefs(tags: TagReading, distribution: number | undefined): string[] {
    const effective =
      distribution === undefined || distribution === 5 ? this.eventDistribution : distribution;
    const tlp = stricter(tags.tlp ?? this.eventTags.tlp, distributionTlp(effective));
    const refs: string[] = tlp ? [tlpMarkingId(tlp)] : [];
    for (const pap of tags.pap.length > 0 ? tags.pap : this.eventTags.pap) {
      const marking = papMarking(pap);
      this.emit(marking);
      refs.push(String(marking.id));
    }
    if (effective === 4 && this.sharingGroup) {
      const marking = sharingGroupMarking(this.sharingGroup);
      this.emit(marking);
      refs.push(String(marking.id));
    }
    return refs;
  }

  addExternalReference(reference: JsonRecord, meta: readonly MetaAttribute[]): void {
    this.externalReferences.push(reference);
    this.linkMeta.push(...meta);
  }

  // ── parts of the event ────────────────────────────────────────────────────────────────────

  private organisation(org: MispOrg | undefined): string | undefined {
    const name = text(org?.name);
    if (!org || !name) return undefined;
    const uuid = text(org.uuid);
    const id = derivedId('identity', uuid || `name:${name}`);
    this.emit(
      compact({
        type: 'identity',
        spec_version: '2.1',
        id,
        created: REFERENCE_TIME,
        modified: REFERENCE_TIME,
        name,
        identity_class: 'organization',
        x_misp_org_uuid: uuid || undefined,
      }),
    );
    return id;
  }

  private attribute(attribute: MispAttribute, index: number): void {
    const path = `${this.path}/Attribute/${index}`;
    this.counts.attributes++;
    const uuid = attributeUuid(attribute, this, index);
    if (truthy(attribute.deleted)) {
      this.unmapped(path, 'deleted in MISP');
      return;
    }
    if (this.imported.has(uuid)) {
      this.unmapped(path, `duplicate attribute uuid ${uuid}`);
      return;
    }
    const result = importAttribute(attribute, index, path, this);
    if (attribute.id !== undefined) this.attributeIds.set(text(attribute.id), uuid);
    if (!result) return;
    this.imported.set(uuid, result);
    this.collectAttached(attribute, uuid, result, path);
  }

  private collectAttached(attribute: MispAttribute, uuid: string, owner: Imported, path: string): void {
    (attribute.Sighting ?? []).forEach((sighting, i) =>
      this.sightings.push({ sighting, attributeUuid: uuid, path: `${path}/Sighting/${i}` }),
    );
    if ((attribute.Galaxy ?? []).length > 0) {
      const modified = mispTimeToStix(attribute.timestamp) ?? this.eventModified;
      this.attributeGalaxies.push({
        owner,
        galaxies: attribute.Galaxy ?? [],
        path: `${path}/Galaxy`,
        modified,
      });
    }
  }

  private object(object: NonNullable<MispEventBody['Object']>[number], index: number): void {
    const path = `${this.path}/Object/${index}`;
    this.counts.objects++;
    if (truthy(object.deleted)) {
      this.unmapped(path, 'deleted in MISP');
      return;
    }
    const result = importObject(object, index, path, this);
    if (!result) return;
    if (text(object.uuid)) this.imported.set(text(object.uuid), result);
    (object.Attribute ?? []).forEach((attribute, i) => {
      const uuid = text(attribute.uuid);
      if (uuid) this.imported.set(uuid, result);
      if (attribute.id !== undefined && uuid) this.attributeIds.set(text(attribute.id), uuid);
      this.collectAttached(attribute, uuid, result, `${path}/Attribute/${i}`);
    });
  }

  private objectReferences(): void {
    (this.event.Object ?? []).forEach((object, i) => {
      (object.ObjectReference ?? []).forEach((reference, j) => {
        const path = `${this.path}/Object/${i}/ObjectReference/${j}`;
        const source = this.imported.get(text(reference.object_uuid) || text(object.uuid));
        const target = this.imported.get(text(reference.referenced_uuid));
        const type =
          text(reference.relationship_type)
            .toLowerCase()
            .replace(/[^a-z0-9-]+/g, '-') || 'related-to';
        if (!source || !target) {
          this.unmapped(path, 'reference to something that was not imported');
          return;
        }
        const uuid = text(reference.uuid) || derivedMispUuid(source.id, type, target.id);
        this.emit(
          this.relationship(
            derivedId('relationship', uuid),
            source.id,
            type,
            target.id,
            this.eventModified,
            text(reference.comment),
          ),
        );
      });
    });
  }

  private relationship(
    id: string,
    source: string,
    type: string,
    target: string,
    modified: string,
    description?: string,
  ): JsonRecord {
    return compact({
      type: 'relationship',
      spec_version: '2.1',
      id,
      created_by_ref: this.createdBy,
      created: modified,
      modified,
      relationship_type: type,
      source_ref: source,
      target_ref: target,
      description: description || undefined,
    });
  }

  private clusters(galaxies: readonly MispGalaxy[], path: string): string[] {
    const ids: string[] = [];
    galaxies.forEach((galaxy, i) => {
      (galaxy.GalaxyCluster ?? []).forEach((cluster, j) => {
        this.counts.galaxyClusters++;
        const result = clusterToSdo(galaxy, cluster);
        if ('reason' in result) {
          this.unmapped(`${path}/${i}/GalaxyCluster/${j}`, result.reason);
          return;
        }
        this.emit(result.object);
        ids.push(String(result.object.id));
      });
    });
    return ids;
  }

  private galaxies(): void {
    const eventLevel = this.clusters(this.event.Galaxy ?? [], `${this.path}/Galaxy`);
    // Co-occurrence in one event is the only link MISP records between an actor and its tools.
    const actors = eventLevel.filter((id) => ACTOR_TYPES.has(id.split('--')[0] ?? ''));
    const used = eventLevel.filter((id) => USED_TYPES.has(id.split('--')[0] ?? ''));
    for (const actor of actors) {
      for (const target of used) {
        const relationship = this.relationship(
          derivedId('relationship', this.eventUuid, actor, 'uses', target),
          actor,
          'uses',
          target,
          this.eventModified,
          `Both named in MISP event ${this.eventUuid}`,
        );
        this.emit({ ...relationship, x_misp_inferred: true });
      }
    }
    for (const { owner, galaxies, path, modified } of this.attributeGalaxies) {
      const verb = owner.kind === 'indicator' ? 'indicates' : 'related-to';
      for (const target of this.clusters(galaxies, path)) {
        this.emit(
          this.relationship(
            derivedId('relationship', owner.id, verb, target),
            owner.id,
            verb,
            target,
            modified,
          ),
        );
      }
    }
  }

  private importSightings(): void {
    const groups = new Map<
      string,
      {
        target: Imported;
        org: MispOrg | undefined;
        type: number;
        dates: string[];
        sources: Set<string>;
        path: string;
      }
    >();
    for (const { sighting, attributeUuid, path } of this.sightings) {
      this.counts.sightings++;
      const uuid =
        text(sighting.attribute_uuid) || attributeUuid || this.attributeIds.get(text(sighting.attribute_id));
      const target = uuid ? this.imported.get(uuid) : undefined;
      const when = mispTimeToStix(sighting.date_sighting);
      const type = Number(text(sighting.type) || '0');
      if (!target || !when || !uuid) {
        this.unmapped(
          path,
          target ? 'sighting without a date' : 'sighting of an attribute that was not imported',
        );
        continue;
      }
      const org = sighting.Organisation;
      const key = `${uuid}|${text(org?.uuid) || text(org?.name)}|${type}`;
      const group = groups.get(key) ?? { target, org, type, dates: [], sources: new Set<string>(), path };
      group.dates.push(when);
      if (text(sighting.source)) group.sources.add(text(sighting.source));
      groups.set(key, group);
    }
    for (const [key, group] of groups) this.sightingGroup(key, group);
  }

  private sightingGroup(
    key: string,
    group: {
      target: Imported;
      org: MispOrg | undefined;
      type: number;
      dates: string[];
      sources: Set<string>;
      path: string;
    },
  ): void {
    const sorted = group.dates.sort();
    const first = sorted[0] ?? this.eventModified;
    const last = sorted[sorted.length - 1] ?? first;
    if (group.type === 2) {
      this.expire(group.target, last, group.path);
      return;
    }
    if (group.type !== 0 && group.type !== 1) {
      this.unmapped(group.path, `sighting type ${group.type} is unknown`);
      return;
    }
    const where = this.organisation(group.org);
    this.emit(
      compact({
        type: 'sighting',
        spec_version: '2.1',
        id: derivedId('sighting', key),
        created_by_ref: this.createdBy,
        created: last,
        modified: last,
        first_seen: first,
        last_seen: last,
        count: sorted.length,
        sighting_of_ref: group.target.id,
        observed_data_refs: group.target.kind === 'observed-data' ? [group.target.id] : undefined,
        where_sighted_refs: where ? [where] : undefined,
        description: group.type === 1 ? 'Reported as a false positive in MISP' : undefined,
        x_misp_sighting_type: group.type === 1 ? 'false-positive' : undefined,
        x_misp_sources: [...group.sources],
      }),
    );
  }

  /** An expiration sighting ends the indicator's validity. */
  private expire(target: Imported, when: string, path: string): void {
    const indicator = this.objects.get(target.id);
    const validFrom = typeof indicator?.valid_from === 'string' ? indicator.valid_from : undefined;
    if (
      !indicator ||
      target.kind !== 'indicator' ||
      !validFrom ||
      Date.parse(when) <= Date.parse(validFrom)
    ) {
      this.unmapped(path, 'expiration sighting that does not end an indicator after its start');
      return;
    }
    this.objects.set(target.id, { ...indicator, valid_until: when });
  }

  private eventReports(): void {
    (this.event.EventReport ?? []).forEach((report, i) => {
      if (truthy(report.deleted) || !text(report.content)) return;
      const uuid = text(report.uuid) || derivedMispUuid(this.eventUuid, 'report', String(i));
      const modified = mispTimeToStix(report.timestamp) ?? this.eventModified;
      this.emit(
        compact({
          type: 'note',
          spec_version: '2.1',
          id: derivedId('note', uuid),
          created_by_ref: this.createdBy,
          created: modified,
          modified,
          abstract: text(report.name) || undefined,
          content: text(report.content),
          object_refs: [this.reportId],
          object_marking_refs: this.markingRefs(readTags([]), undefined),
          x_misp_event_report_uuid: uuid,
        }),
      );
    });
  }

  private report(): void {
    const refs = [...this.objects.values()]
      .filter((o) => o.type !== 'marking-definition' && o.id !== this.reportId)
      .map((o) => String(o.id));
    if (refs.length === 0) {
      this.unmapped(
        this.path,
        'empty event without an organisation: no report can be made (a report needs object_refs)',
      );
      return;
    }
    const dateTime = mispTimeToStix(this.event.date);
    const created =
      dateTime && Date.parse(dateTime) <= Date.parse(this.eventModified) ? dateTime : this.eventModified;
    const published = truthy(this.event.published);
    const publishedAt =
      (published ? mispTimeToStix(this.event.publish_timestamp) : undefined) ?? dateTime ?? created;
    this.emit(
      compact({
        type: 'report',
        spec_version: '2.1',
        id: this.reportId,
        created_by_ref: this.createdBy,
        created,
        modified: this.eventModified,
        name: text(this.event.info) || '(untitled MISP event)',
        report_types: ['threat-report'],
        published: publishedAt,
        object_refs: refs,
        labels: labelsOf(this.eventTags, this.event.Galaxy),
        object_marking_refs: this.markingRefs(readTags([]), undefined),
        external_references: [
          { source_name: 'misp', external_id: this.eventUuid, description: 'MISP event uuid' },
          ...this.externalReferences,
        ],
        x_misp_threat_level_id: text(this.event.threat_level_id) || undefined,
        x_misp_analysis: text(this.event.analysis) || undefined,
        x_misp_distribution: this.eventDistribution,
        x_misp_published: published,
        x_misp_sharing_group: this.sharingGroup,
        x_misp_attributes: this.linkMeta,
      }),
    );
  }
}

const RANK: Readonly<Record<string, number>> = { 'marking-definition': 0, identity: 1, report: 2 };

function rank(object: JsonRecord): number {
  return RANK[String(object.type)] ?? 3;
}

/**
 * Two attributes can describe the same SCO (same id: its ID contributing properties agree) with
 * different detail, e.g. a domain resolving to one address here and two there. The SCO keeps
 * both: missing properties are filled in and reference lists are joined.
 */
function mergeSco(existing: JsonRecord, addition: JsonRecord): JsonRecord {
  const merged: Record<string, unknown> = { ...existing };
  for (const [key, value] of Object.entries(addition)) {
    const current = merged[key];
    if (current === undefined) merged[key] = value;
    else if (Array.isArray(current) && Array.isArray(value))
      merged[key] = [...new Set([...(current as unknown[]), ...(value as unknown[])])];
  }
  return merged;
}
