/**
 * Traffic Light Protocol markings. TLP 2.0 markings are marking-definitions carrying the TLP 2.0
 * property extension; TLP 1.0 markings are the four predefined STIX 2.1 `tlp` definitions. The ids
 * are fixed by OASIS (cti-stix-common-objects, STIX 2.1 §7.2.1.4) and must be used verbatim.
 */
export type TlpLevel = 'clear' | 'green' | 'amber' | 'amber+strict' | 'red';
export type Tlp1Level = 'white' | 'green' | 'amber' | 'red';

/** The extension-definition that defines TLP 2.0 as a STIX property extension. */
export const TLP2_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

/** Creation time of every TLP 2.0 marking-definition. */
export const TLP2_CREATED = '2022-10-01T00:00:00.000Z';

/** Creation time of every TLP 1.0 marking-definition. */
export const TLP1_CREATED = '2017-01-20T00:00:00.000Z';

/** The five TLP 2.0 marking-definition ids. */
export const TLP2_MARKING_IDS: Readonly<Record<TlpLevel, string>> = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

/** The four TLP 1.0 marking-definition ids (STIX 2.1 predefined `tlp` markings). */
export const TLP1_MARKING_IDS: Readonly<Record<Tlp1Level, string>> = {
  white: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
  green: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  amber: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  red: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
};

/** TLP levels from least to most restrictive. */
export const TLP_LEVELS: readonly TlpLevel[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];

/** The TLP 1.0 level each 1.0 name maps onto in TLP 2.0 (WHITE became CLEAR). */
export const TLP1_TO_TLP2: Readonly<Record<Tlp1Level, TlpLevel>> = {
  white: 'clear',
  green: 'green',
  amber: 'amber',
  red: 'red',
};

const levelById = new Map<string, TlpLevel>([
  ...Object.entries(TLP2_MARKING_IDS).map(([level, id]) => [id, level as TlpLevel] as const),
  ...Object.entries(TLP1_MARKING_IDS).map(([level, id]) => [id, TLP1_TO_TLP2[level as Tlp1Level]] as const),
]);

/** The TLP 2.0 level a marking-definition id stands for (TLP 1.0 ids mapped onto 2.0), if any. */
export function tlpLevelOfMarking(markingId: string): TlpLevel | undefined {
  return levelById.get(markingId);
}

/** The TLP 2.0 name of a level as marking-definitions spell it, e.g. `TLP:AMBER+STRICT`. */
export function tlpName(level: TlpLevel): string {
  return `TLP:${level.toUpperCase()}`;
}

/**
 * The TLP level of an object from its object_marking_refs (TLP 1.0 mapped onto 2.0:
 * white→clear). When several TLP markings are present the most restrictive wins; undefined when
 * none is a TLP marking.
 */
export function tlpOf(markingRefs: readonly string[]): TlpLevel | undefined {
  let rank = -1;
  for (const id of markingRefs) {
    const level = levelById.get(id);
    if (level !== undefined) rank = Math.max(rank, TLP_LEVELS.indexOf(level));
  }
  return rank < 0 ? undefined : TLP_LEVELS[rank];
}
