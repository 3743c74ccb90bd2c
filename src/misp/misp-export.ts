import type { TlpLevel } from '../stix/tlp.js';
import {
  exportCustom,
  exportIndicator,
  exportObservedData,
  exportSimple,
  type ExportContext,
  type Exported,
} from './misp-attribute-export.js';
import { GALAXY_SDO_TYPES, sdoToGalaxy } from './misp-galaxies.js';
import {
  distributionForTlp,
  distributionTlp,
  isPapTag,
  papMarking,
  stricter,
  tlpLevelOfTag,
  tlpOfRefs,
  tlpTag,
} from './misp-markings.js';
import { metaAttributes } from './misp-metadata.js';
import { stixTimeToDate, stixTimeToEpoch } from './misp-time.js';
import type {
  MispAttributeOut,
  MispEvent,
  MispEventOut,
  MispGalaxyOut,
  MispObjectOut,
  MispSightingOut,
} from './misp.types.js';
import type { JsonRecord } from './observable-terms.js';
import { derivedMispUuid } from './stix-ids.js';

export interface MispExportOptions {
  /** Event time when there is no report to take it from. */
  readonly now?: Date;
  /** Distribution when no marking or MISP metadata says otherwise (default 0, "your organisation only"). */
  readonly defaultDistribution?: 0 | 1 | 2 | 3;
  /** Event title when there is no report. */
  readonly info?: string;
  /** Creator organisation when the report's creator identity is not among the objects. */
  readonly orgc?: { readonly name: string; readonly uuid?: string };
}

export interface MispExportResult {
  readonly event: MispEvent;
  /** STIX objects (by id) that MISP cannot hold, and why. */
  readonly unmapped: Array<{ id: string; reason: string }>;
}

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/**
 * Writes Accord's STIX objects as one MISP event (`{"Event": …}`): the first report gives the
 * event header; indicators and observed-data become attributes or MISP objects; SDOs MISP knows
 * as galaxies become galaxy clusters; sightings attach to the attributes they sighted.
 */
export function stixToMisp(
  objects: readonly JsonRecord[],
  options: MispExportOptions = {},
): MispExportResult {
  return new EventExport(objects, options).run();
}

class EventExport implements ExportContext {
  private readonly byId = new Map<string, JsonRecord>();
  private readonly report: JsonRecord | undefined;
  private readonly eventTlp: TlpLevel | undefined;
  private readonly eventDistribution: number;
  private readonly unmapped: Array<{ id: string; reason: string }> = [];
  private readonly exported = new Map<string, Exported>();
  private readonly attributeGalaxies = new Map<string, string[]>();

  constructor(
    private readonly objects: readonly JsonRecord[],
    private readonly options: MispExportOptions,
  ) {
    for (const object of objects) if (typeof object.id === 'string') this.byId.set(object.id, object);
    this.report = objects.find((o) => o.type === 'report');
    this.eventTlp = tlpOfRefs(this.report?.object_marking_refs);
    this.eventDistribution = this.distributionNumber(this.report ?? {});
  }

  run(): MispExportResult {
    this.indicatedGalaxies();
    const attributes: MispAttributeOut[] = [];
    const mispObjects: MispObjectOut[] = [];
    const galaxies: JsonRecord[] = [];
    for (const object of this.objects) {
      const result = this.convert(object, galaxies);
      if (!result) continue;
      if ('reason' in result) {
        this.unmapped.push({ id: String(object.id), reason: result.reason });
        continue;
      }
      this.exported.set(String(object.id), result);
      attributes.push(...result.attributes);
      mispObjects.push(...result.objects);
    }
    this.relationships();
    this.sightings();
    attributes.push(...this.links());
    const eventGalaxies = galaxies.filter((g) => !this.attributeGalaxies.has(String(g.id)));
    this.attachAttributeGalaxies();
    return { event: { Event: this.header(attributes, mispObjects, eventGalaxies) }, unmapped: this.unmapped };
  }

  private convert(object: JsonRecord, galaxies: JsonRecord[]): Exported | { reason: string } | undefined {
    switch (object.type) {
      case 'indicator':
        return exportIndicator(object, this);
      case 'observed-data':
        return exportObservedData(object, this);
      case 'x-misp-attribute':
      case 'x-misp-object':
        return exportCustom(object, this);
      case 'vulnerability':
      case 'campaign':
        return exportSimple(object, this);
      case 'note':
        return metaAttributes(object).length > 0 ? exportSimple(object, this) : undefined;
      case 'report':
        return object === this.report ? undefined : { reason: 'only the first report becomes the event' };
      case 'identity':
      case 'marking-definition':
      case 'relationship':
      case 'sighting':
      case 'extension-definition':
        return undefined;
      default:
        if (GALAXY_SDO_TYPES.has(String(object.type))) {
          galaxies.push(object);
          return undefined;
        }
        if (this.isSco(object)) return undefined;
        return { reason: `${String(object.type)} has no MISP counterpart` };
    }
  }

  private isSco(object: JsonRecord): boolean {
    return object.created === undefined && object.modified === undefined && typeof object.id === 'string';
  }

  // ── ExportContext ─────────────────────────────────────────────────────────────────────────

  lookup(id: string): JsonRecord | undefined {
    return this.byId.get(id);
  }

  tagsFor(object: JsonRecord): string[] {
    const implied = distributionTlp(this.effectiveDistribution(object));
    const isReport = object === this.report;
    // What the data would be held to without a TLP tag of its own. Data that came from MISP gets
    // a tag only where MISP had one (so round trips keep tags); Accord's own data always says its
    // TLP explicitly where it differs from the event's.
    const inherited = this.fromMisp(object)
      ? isReport
        ? implied
        : stricter(this.eventTlp, implied)
      : isReport
        ? undefined
        : this.eventTlp;
    const tags = this.withTlp(
      strings(object.labels),
      tlpOfRefs(object.object_marking_refs),
      implied,
      inherited,
    );
    const eventPaps = object === this.report ? [] : this.papsOf(this.report ?? {});
    for (const pap of this.papsOf(object))
      if (!tags.includes(pap) && !eventPaps.includes(pap)) tags.push(pap);
    return tags;
  }

  private fromMisp(object: JsonRecord): boolean {
    return (
      object.x_misp_distribution !== undefined ||
      object.x_misp_attributes !== undefined ||
      object.x_misp_object !== undefined
    );
  }

  /**
   * TLP tags that, with the distribution MISP gets, say what the marking says: a tag kept from
   * MISP (tlp:white on a sharing-group event) stays; one the marking contradicts is replaced.
   */
  private withTlp(
    labels: readonly string[],
    marking: TlpLevel | undefined,
    implied: TlpLevel | undefined,
    inherited: TlpLevel | undefined,
  ): string[] {
    const kept = labels.filter((label) => {
      const level = tlpLevelOfTag(label);
      return level === undefined || stricter(level, implied) === marking;
    });
    if (marking && !kept.some((t) => tlpLevelOfTag(t) !== undefined) && inherited !== marking)
      kept.push(tlpTag(marking));
    return kept;
  }

  distributionFor(object: JsonRecord): string {
    if (
      object !== this.report &&
      tlpOfRefs(object.object_marking_refs) === this.eventTlp &&
      this.sameGroup(object)
    )
      return '5';
    const own = this.distributionNumber(object);
    return own === this.eventDistribution ? '5' : String(own);
  }

  private effectiveDistribution(object: JsonRecord): number {
    if (object === this.report) return this.eventDistribution;
    const meta = metaAttributes(object)[0]?.distribution;
    if (meta !== undefined && meta !== 5) return meta;
    const exported = this.distributionFor(object);
    return exported === '5' ? this.eventDistribution : Number(exported);
  }

  private sameGroup(object: JsonRecord): boolean {
    return this.sharingGroupOf(object)?.uuid === this.sharingGroupOf(this.report ?? {})?.uuid;
  }

  private distributionNumber(object: JsonRecord): number {
    const meta = object.x_misp_distribution;
    if (typeof meta === 'number' && meta >= 0 && meta <= 4) return meta;
    if (this.sharingGroupOf(object)) return 4;
    return distributionForTlp(tlpOfRefs(object.object_marking_refs), this.options.defaultDistribution ?? 0);
  }

  private sharingGroupOf(object: JsonRecord): { uuid: string; name: string } | undefined {
    for (const ref of strings(object.object_marking_refs)) {
      const group = this.byId.get(ref)?.x_misp_sharing_group as
        { uuid?: unknown; name?: unknown } | undefined;
      if (typeof group?.uuid === 'string' && typeof group.name === 'string')
        return { uuid: group.uuid, name: group.name };
    }
    return undefined;
  }

  /** PAP levels from marking refs: Accord's own PAP markings are known by id even when absent. */
  private papsOf(object: JsonRecord): string[] {
    const paps: string[] = [];
    for (const ref of strings(object.object_marking_refs)) {
      const marking = this.byId.get(ref);
      const name = str(marking?.name);
      if (name && isPapTag(name)) paps.push(name.toUpperCase());
      else
        for (const level of ['CLEAR', 'WHITE', 'GREEN', 'AMBER', 'RED'])
          if (papMarking(`PAP:${level}`).id === ref) paps.push(`PAP:${level}`);
    }
    return paps;
  }

  // ── galaxies, relationships, sightings ────────────────────────────────────────────────────

  /** Galaxy SDOs an exported indicator "indicates" belong to that attribute, not the event. */
  private indicatedGalaxies(): void {
    for (const rel of this.objects) {
      if (rel.type !== 'relationship') continue;
      const target = this.byId.get(String(rel.target_ref));
      if (!target || !GALAXY_SDO_TYPES.has(String(target.type))) continue;
      if (rel.relationship_type !== 'indicates' && rel.relationship_type !== 'related-to') continue;
      const list = this.attributeGalaxies.get(String(target.id)) ?? [];
      list.push(String(rel.source_ref));
      this.attributeGalaxies.set(String(target.id), list);
    }
  }

  private attachAttributeGalaxies(): void {
    for (const [galaxyId, sources] of this.attributeGalaxies) {
      const galaxy = sdoToGalaxy(this.byId.get(galaxyId) ?? {});
      if (!galaxy) continue;
      for (const source of sources) {
        for (const attribute of this.attributesOf(source)) {
          attribute.Galaxy = [...(attribute.Galaxy ?? []), galaxy];
          const tag = galaxy.GalaxyCluster[0]?.tag_name;
          if (tag && !(attribute.Tag ?? []).some((t) => t.name === tag))
            attribute.Tag = [...(attribute.Tag ?? []), { name: tag }];
        }
      }
    }
  }

  private attributesOf(stixId: string): MispAttributeOut[] {
    const exported = this.exported.get(stixId);
    return exported ? [...exported.attributes, ...exported.objects.flatMap((o) => o.Attribute)] : [];
  }

  private relationships(): void {
    for (const rel of this.objects) {
      if (rel.type !== 'relationship') continue;
      if (rel.x_misp_inferred === true) continue;
      const target = this.byId.get(String(rel.target_ref));
      if (target && GALAXY_SDO_TYPES.has(String(target.type)) && this.exported.has(String(rel.source_ref)))
        continue;
      const source = this.exported.get(String(rel.source_ref))?.objects[0];
      const targetOut = this.exported.get(String(rel.target_ref));
      const targetUuid = targetOut?.objects[0]?.uuid ?? targetOut?.attributes[0]?.uuid;
      if (!source || !targetUuid) {
        this.unmapped.push({
          id: String(rel.id),
          reason: 'MISP references join MISP objects; this relationship does not',
        });
        continue;
      }
      source.ObjectReference = [
        ...(source.ObjectReference ?? []),
        {
          uuid: derivedMispUuid(String(rel.id)),
          object_uuid: source.uuid,
          referenced_uuid: targetUuid,
          relationship_type: str(rel.relationship_type) ?? 'related-to',
          comment: str(rel.description) ?? '',
        },
      ];
    }
  }

  private sightings(): void {
    for (const sighting of this.objects) {
      if (sighting.type !== 'sighting') continue;
      const attributes = this.attributesOf(String(sighting.sighting_of_ref));
      const target = attributes.find((a) => a.to_ids) ?? attributes[0];
      if (!target) {
        this.unmapped.push({
          id: String(sighting.id),
          reason: 'sighting of something not exported as an attribute',
        });
        continue;
      }
      const org = this.byId.get(strings(sighting.where_sighted_refs)[0] ?? '');
      const out: MispSightingOut = {
        uuid: derivedMispUuid(String(sighting.id)),
        date_sighting: stixTimeToEpoch(sighting.last_seen ?? sighting.modified) ?? '0',
        type: sighting.x_misp_sighting_type === 'false-positive' ? '1' : '0',
        ...(strings(sighting.x_misp_sources)[0] ? { source: strings(sighting.x_misp_sources)[0] } : {}),
        ...(str(org?.name)
          ? {
              Organisation: {
                name: String(org?.name),
                ...(str(org?.x_misp_org_uuid) ? { uuid: String(org?.x_misp_org_uuid) } : {}),
              },
            }
          : {}),
      };
      target.Sighting = [...(target.Sighting ?? []), out];
    }
    for (const indicator of this.objects) {
      const until = stixTimeToEpoch(indicator.valid_until);
      const target =
        indicator.type === 'indicator' && until ? this.attributesOf(String(indicator.id))[0] : undefined;
      if (target && until)
        target.Sighting = [
          ...(target.Sighting ?? []),
          { uuid: derivedMispUuid(String(indicator.id), 'expiration'), date_sighting: until, type: '2' },
        ];
    }
  }

  /** External references of the report with a URL become `link` attributes. */
  private links(): MispAttributeOut[] {
    const refs = Array.isArray(this.report?.external_references)
      ? (this.report.external_references as JsonRecord[])
      : [];
    const metas = metaAttributes(this.report ?? {}).filter((m) => m.type === 'link');
    return refs
      .filter((ref) => ref.source_name !== 'misp' && str(ref.url))
      .map((ref) => {
        const meta = metas.find((m) => m.value === ref.url);
        return {
          uuid: meta?.uuid ?? derivedMispUuid(String(this.report?.id), 'link', String(ref.url)),
          type: 'link',
          category: meta?.category ?? 'External analysis',
          value: String(ref.url),
          to_ids: false,
          distribution: meta?.distribution !== undefined ? String(meta.distribution) : '5',
          comment: str(ref.description) ?? '',
          timestamp: stixTimeToEpoch(this.report?.modified) ?? '0',
          disable_correlation: false,
          ...(meta?.tags && meta.tags.length > 0 ? { Tag: meta.tags.map((name) => ({ name })) } : {}),
        };
      });
  }

  private galaxiesOut(sdos: readonly JsonRecord[]): MispGalaxyOut[] {
    const byType = new Map<string, MispGalaxyOut>();
    for (const sdo of sdos) {
      const galaxy = sdoToGalaxy(sdo);
      if (!galaxy) {
        this.unmapped.push({ id: String(sdo.id), reason: `${String(sdo.type)} without a name` });
        continue;
      }
      const existing = byType.get(galaxy.type);
      if (existing) existing.GalaxyCluster.push(...galaxy.GalaxyCluster);
      else byType.set(galaxy.type, galaxy);
    }
    return [...byType.values()];
  }

  private header(
    attributes: MispAttributeOut[],
    objects: MispObjectOut[],
    galaxySdos: readonly JsonRecord[],
  ): MispEventOut {
    const report = this.report ?? {};
    const now = (this.options.now ?? new Date()).toISOString();
    const modified = str(report.modified) ?? now;
    const galaxies = this.galaxiesOut(galaxySdos);
    const tags = this.tagsFor(report);
    for (const galaxy of galaxies)
      for (const cluster of galaxy.GalaxyCluster)
        if (!tags.includes(cluster.tag_name)) tags.push(cluster.tag_name);
    const group = this.sharingGroupOf(report);
    const mispRef = (
      Array.isArray(report.external_references) ? (report.external_references as JsonRecord[]) : []
    ).find((r) => r.source_name === 'misp' && str(r.external_id));
    const creator = this.byId.get(str(report.created_by_ref) ?? '');
    const orgc = str(creator?.name)
      ? {
          name: String(creator?.name),
          ...(str(creator?.x_misp_org_uuid) ? { uuid: String(creator?.x_misp_org_uuid) } : {}),
        }
      : this.options.orgc;
    const published = report.x_misp_published === true;
    return {
      uuid: str(mispRef?.external_id) ?? derivedMispUuid(str(report.id) ?? 'accord-export', now),
      info: str(report.name) ?? this.options.info ?? 'Accord export',
      date: stixTimeToDate(report.created ?? now) ?? now.slice(0, 10),
      timestamp: stixTimeToEpoch(modified) ?? '0',
      published,
      ...(published ? { publish_timestamp: stixTimeToEpoch(report.published) ?? '0' } : {}),
      threat_level_id: str(report.x_misp_threat_level_id) ?? '4',
      analysis: str(report.x_misp_analysis) ?? '0',
      distribution: String(this.eventDistribution),
      ...(group ? { sharing_group_id: '0', SharingGroup: group } : {}),
      ...(orgc ? { Orgc: orgc } : {}),
      Tag: [...new Set(tags)].map((name) => ({ name })),
      Attribute: attributes,
      Object: objects,
      Galaxy: galaxies,
      ...this.eventReports(),
    };
  }

  /** Notes that were not MISP attributes become event reports. */
  private eventReports(): Pick<MispEventOut, 'EventReport'> {
    const reports = this.objects
      .filter((o) => o.type === 'note' && metaAttributes(o).length === 0 && str(o.content))
      .map((note) => ({
        uuid: str(note.x_misp_event_report_uuid) ?? derivedMispUuid(String(note.id)),
        name: str(note.abstract) ?? 'Note',
        content: String(note.content),
        distribution: '5',
        timestamp: stixTimeToEpoch(note.modified) ?? '0',
      }));
    return reports.length > 0 ? { EventReport: reports } : {};
  }
}
