/**
 * What patterns are matched against: an `observed-data` object with its SCOs at hand. STIX 2.1
 * observed-data lists SCO ids in `object_refs` (pass the SCOs in `scos`); STIX 2.0 style
 * observed-data carries them in an `objects` dictionary keyed by local ids.
 */
export type JsonObject = Readonly<Record<string, unknown>>;

export interface Observation {
  readonly id?: string;
  readonly first_observed?: string;
  readonly last_observed?: string;
  /** How many times this observation was seen; counts for REPEATS (default 1). */
  readonly number_observed?: number;
  readonly objects?: Readonly<Record<string, JsonObject>>;
  readonly object_refs?: readonly string[];
  /** The SCOs `object_refs` points at, and any they reference, resolved by the caller. */
  readonly scos?: readonly JsonObject[];
}

/** An observation indexed for matching: root objects by type, every object by reference. */
export interface ObservationContext {
  readonly byType: ReadonlyMap<string, readonly JsonObject[]>;
  readonly byRef: ReadonlyMap<string, JsonObject>;
  /** first_observed / last_observed in epoch milliseconds (NaN when missing or invalid). */
  readonly first: number;
  readonly last: number;
  readonly capacity: number;
}

/** Indexes one observation's objects for the matcher. */
export function observationContext(observation: Observation): ObservationContext {
  const byType = new Map<string, JsonObject[]>();
  const byRef = new Map<string, JsonObject>();
  const add = (object: JsonObject): void => {
    const type = object.type;
    if (typeof type !== 'string') return;
    const list = byType.get(type);
    if (list) list.push(object);
    else byType.set(type, [object]);
  };
  if (observation.objects) {
    for (const [key, object] of Object.entries(observation.objects)) {
      byRef.set(key, object);
      add(object);
    }
  }
  const scos = observation.scos ?? [];
  for (const sco of scos) if (typeof sco.id === 'string') byRef.set(sco.id, sco);
  if (observation.object_refs) {
    for (const ref of observation.object_refs) {
      const object = byRef.get(ref);
      if (object && !observation.objects?.[ref]) add(object);
    }
  } else {
    for (const sco of scos) add(sco);
  }
  const first = Date.parse(observation.first_observed ?? '');
  const lastParsed = Date.parse(observation.last_observed ?? '');
  const count = observation.number_observed;
  return {
    byType,
    byRef,
    first,
    last: Number.isNaN(lastParsed) ? first : lastParsed,
    capacity: typeof count === 'number' && Number.isInteger(count) && count > 0 ? count : 1,
  };
}

/** Builds the observation for an observed-data object from the objects around it (e.g. a bundle). */
export function observationFrom(observedData: JsonObject, objects: Iterable<JsonObject>): Observation {
  const refs = Array.isArray(observedData.object_refs)
    ? observedData.object_refs.filter((ref): ref is string => typeof ref === 'string')
    : undefined;
  const wanted = new Set(refs ?? []);
  const scos: JsonObject[] = [];
  for (const object of objects) if (typeof object.id === 'string' && wanted.has(object.id)) scos.push(object);
  return { ...(observedData as Observation), ...(refs ? { object_refs: refs } : {}), scos };
}
