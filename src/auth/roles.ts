/** Roles of a node's users, from most to least privileged. */
export const roles = ['admin', 'liaison', 'analyst', 'reader'] as const;
export type Role = (typeof roles)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

/**
 * What each role may do. Least privilege: readers read; analysts write threat information;
 * liaisons act towards other Parties (share, acknowledge, consent, consult); admins run the node.
 */
export const permissions = {
  'objects:read': ['admin', 'liaison', 'analyst', 'reader'],
  'objects:write': ['admin', 'liaison', 'analyst'],
  'objects:delete': ['admin'],
  'share:peer': ['admin', 'liaison', 'analyst'],
  'inbox:read': ['admin', 'liaison', 'analyst', 'reader'],
  'users:manage': ['admin'],
  'tokens:own': ['admin', 'liaison', 'analyst', 'reader'],
  'tokens:manage': ['admin'],
  'audit:read': ['admin', 'liaison'],
  'peers:manage': ['admin'],
  'peers:read': ['admin', 'liaison', 'analyst', 'reader'],
  'ledger:read': ['admin', 'liaison', 'analyst'],
  'ledger:verify': ['admin', 'liaison'],
  'warnings:send': ['admin', 'liaison', 'analyst'],
  'warnings:acknowledge': ['admin', 'liaison'],
  'warnings:assess': ['admin', 'liaison', 'analyst'],
  'requests:submit': ['admin', 'liaison', 'analyst'],
  'requests:decide': ['admin', 'liaison'],
  'consents:request': ['admin', 'liaison', 'analyst'],
  'consents:decide': ['admin', 'liaison'],
  'governance:write': ['admin', 'liaison'],
  'governance:read': ['admin', 'liaison', 'analyst', 'reader'],
  'agreement:record': ['admin', 'liaison'],
  'authorities:manage': ['admin', 'liaison'],
  'activities:write': ['admin', 'liaison', 'analyst'],
  'legislation:write': ['admin', 'liaison', 'analyst'],
  'consultations:write': ['admin', 'liaison'],
  'disputes:write': ['admin', 'liaison'],
  'reports:read': ['admin', 'liaison', 'analyst', 'reader'],
  'translations:write': ['admin', 'liaison', 'analyst'],
  'settings:manage': ['admin'],
  'metrics:read': ['admin', 'reader'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function can(role: Role, permission: Permission): boolean {
  return (permissions[permission] as readonly Role[]).includes(role);
}
