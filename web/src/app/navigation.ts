/** One entry of the side navigation; entries whose permission the user lacks are not shown. */
export interface NavItem {
  readonly path: string;
  readonly labelKey: string;
  readonly permission?: string;
  /** Match only the exact path (the dashboard), not everything below it. */
  readonly end?: boolean;
}

export interface NavGroup {
  readonly labelKey: string;
  readonly items: readonly NavItem[];
}

/**
 * The navigation. Further cooperation pages (requests, consents, consultations, peers, ledger)
 * slot in here with their routes in routes.tsx and a section in the catalogs.
 */
export const navigation: readonly NavGroup[] = [
  { labelKey: 'nav.group.overview', items: [{ path: '/', labelKey: 'nav.dashboard', end: true }] },
  {
    labelKey: 'nav.group.intel',
    items: [
      { path: '/objects', labelKey: 'nav.objects', permission: 'objects:read' },
      { path: '/import', labelKey: 'nav.import', permission: 'objects:write' },
      { path: '/new/indicator', labelKey: 'nav.newIndicator', permission: 'objects:write' },
      { path: '/new/report', labelKey: 'nav.newReport', permission: 'objects:write' },
      { path: '/new/vulnerability', labelKey: 'nav.newVulnerability', permission: 'objects:write' },
      { path: '/new/incident', labelKey: 'nav.newIncident', permission: 'objects:write' },
    ],
  },
  {
    labelKey: 'nav.group.cooperation',
    items: [
      { path: '/warnings', labelKey: 'nav.warnings', permission: 'objects:read' },
      { path: '/warnings/new', labelKey: 'nav.newWarning', permission: 'warnings:send' },
      { path: '/requests', labelKey: 'nav.requests', permission: 'objects:read' },
      { path: '/consents', labelKey: 'nav.consents', permission: 'objects:read' },
      { path: '/peers', labelKey: 'nav.peers', permission: 'peers:read' },
      { path: '/ledger', labelKey: 'nav.ledger', permission: 'ledger:read' },
    ],
  },
  {
    labelKey: 'nav.group.agreement',
    items: [
      { path: '/agreement', labelKey: 'nav.agreement', permission: 'governance:read', end: true },
      { path: '/agreement/lifecycle', labelKey: 'nav.lifecycle', permission: 'governance:read' },
      { path: '/authorities', labelKey: 'nav.authorities', permission: 'governance:read' },
      { path: '/activities', labelKey: 'nav.activities', permission: 'governance:read' },
      { path: '/legislation', labelKey: 'nav.legislation', permission: 'governance:read' },
      { path: '/consultations', labelKey: 'nav.consultations', permission: 'governance:read' },
      { path: '/consultations/new', labelKey: 'nav.newConsultation', permission: 'consultations:write' },
      { path: '/disputes', labelKey: 'nav.disputes', permission: 'governance:read' },
      { path: '/reports', labelKey: 'nav.reports', permission: 'reports:read' },
    ],
  },
  {
    labelKey: 'nav.group.admin',
    items: [
      { path: '/admin/users', labelKey: 'nav.users', permission: 'users:manage' },
      { path: '/tokens', labelKey: 'nav.tokens', permission: 'tokens:own' },
      { path: '/audit', labelKey: 'nav.audit', permission: 'audit:read' },
    ],
  },
];
