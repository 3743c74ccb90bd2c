/**
 * The Parties an object names as its recipients: the addressees of a warning, the addressee of a
 * request for assistance, the Party a consent record is for. TLP:RED goes to these and no one else.
 */
export function namedRecipients(object: Record<string, unknown>): string[] {
  const parties = new Set<string>();
  const take = (value: unknown) => {
    if (value && typeof value === 'object' && typeof (value as { party?: unknown }).party === 'string') parties.add((value as { party: string }).party);
  };
  if (Array.isArray(object.addressees)) object.addressees.forEach(take);
  take(object.addressee);
  for (const key of ['originating_party', 'requesting_party']) if (typeof object[key] === 'string') parties.add(object[key]);
  return [...parties];
}

/** Named recipients read from a stored body, only where they matter (TLP:RED), so other objects cost no parsing. */
export function recipientsOfBody(tlp: string | null, body: string | undefined): string[] | undefined {
  return tlp === 'red' && body ? namedRecipients(JSON.parse(body) as Record<string, unknown>) : undefined;
}
