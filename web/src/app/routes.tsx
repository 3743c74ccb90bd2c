import { lazy, Suspense } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Guard } from '../auth/guard';
import { DashboardPage } from '../pages/dashboard/dashboard.page';
import { Loading } from '../ui/feedback';
import { Shell } from './shell';

// The dashboard is in the first chunk (first paint); every other page loads when visited.
const ObjectsListPage = lazy(() => import('../pages/objects/objects-list.page'));
const ObjectDetailPage = lazy(() => import('../pages/objects/object-detail.page'));
const ObjectEditorPage = lazy(() => import('../pages/editor/object-editor.page'));
const ImportPage = lazy(() => import('../pages/import/import.page'));
const UsersPage = lazy(() => import('../pages/admin/users.page'));
const TokensPage = lazy(() => import('../pages/admin/tokens.page'));
const AuditPage = lazy(() => import('../pages/admin/audit.page'));
const AgreementPage = lazy(() => import('../pages/agreement/agreement.page'));
const LifecyclePage = lazy(() => import('../pages/agreement/lifecycle.page'));
const AuthoritiesPage = lazy(() => import('../pages/authorities/authorities.page'));
const AuthorityFormPage = lazy(() => import('../pages/authorities/authority-form.page'));
const ActivitiesListPage = lazy(() => import('../pages/activities/activities-list.page'));
const ActivityDetailPage = lazy(() => import('../pages/activities/activity-detail.page'));
const ActivityFormPage = lazy(() => import('../pages/activities/activity-form.page'));
const LegislationListPage = lazy(() => import('../pages/legislation/legislation-list.page'));
const LegislationDetailPage = lazy(() => import('../pages/legislation/legislation-detail.page'));
const LegislationFormPage = lazy(() => import('../pages/legislation/legislation-form.page'));
const DisputesListPage = lazy(() => import('../pages/disputes/disputes-list.page'));
const DisputeDetailPage = lazy(() => import('../pages/disputes/dispute-detail.page'));
const DisputeFormPage = lazy(() => import('../pages/disputes/dispute-form.page'));
const ReportsPage = lazy(() => import('../pages/reports/reports.page'));
const WarningsListPage = lazy(() => import('../pages/warnings/warnings-list.page'));
const WarningDetailPage = lazy(() => import('../pages/warnings/warning-detail.page'));
const WarningFormPage = lazy(() => import('../pages/warnings/warning-form.page'));
const RequestsListPage = lazy(() => import('../pages/requests/requests-list.page'));
const RequestDetailPage = lazy(() => import('../pages/requests/request-detail.page'));
const RequestFormPage = lazy(() => import('../pages/requests/request-form.page'));
const PeersPage = lazy(() => import('../pages/federation/peers.page'));
const LedgerPage = lazy(() => import('../pages/federation/ledger.page'));
const ConsultationsListPage = lazy(() => import('../pages/consultations/consultations-list.page'));
const ConsultationDetailPage = lazy(() => import('../pages/consultations/consultation-detail.page'));
const ConsultationFormPage = lazy(() => import('../pages/consultations/consultation-form.page'));
const ConsentsListPage = lazy(() => import('../pages/consents/consents-list.page'));
const ConsentDetailPage = lazy(() => import('../pages/consents/consent-detail.page'));
const ConsentFormPage = lazy(() => import('../pages/consents/consent-form.page'));

function page(permission: string | undefined, element: React.ReactNode): React.ReactNode {
  const body = <Suspense fallback={<Loading />}>{element}</Suspense>;
  return permission ? <Guard permission={permission}>{body}</Guard> : body;
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <section className="denied" role="alert">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
    </section>
  );
}

/** Client routes; the node serves the app for any of them (SPA fallback). */
export const routes: RouteObject[] = [
  {
    path: '/',
    element: <Shell />,
    children: [
      { index: true, element: <DashboardPage /> },
      { path: 'objects', element: page('objects:read', <ObjectsListPage />) },
      { path: 'objects/:id', element: page('objects:read', <ObjectDetailPage />) },
      { path: 'objects/:id/edit', element: page('objects:write', <ObjectEditorPage />) },
      { path: 'new/:kind', element: page('objects:write', <ObjectEditorPage />) },
      { path: 'import', element: page('objects:write', <ImportPage />) },
      { path: 'admin/users', element: page('users:manage', <UsersPage />) },
      { path: 'tokens', element: page('tokens:own', <TokensPage />) },
      { path: 'audit', element: page('audit:read', <AuditPage />) },
      { path: 'agreement', element: page('governance:read', <AgreementPage />) },
      { path: 'agreement/lifecycle', element: page('governance:read', <LifecyclePage />) },
      { path: 'authorities', element: page('governance:read', <AuthoritiesPage />) },
      { path: 'authorities/new', element: page('authorities:manage', <AuthorityFormPage />) },
      { path: 'authorities/:id/edit', element: page('authorities:manage', <AuthorityFormPage />) },
      { path: 'activities', element: page('governance:read', <ActivitiesListPage />) },
      { path: 'activities/new', element: page('activities:write', <ActivityFormPage />) },
      { path: 'activities/:id', element: page('governance:read', <ActivityDetailPage />) },
      { path: 'activities/:id/edit', element: page('activities:write', <ActivityFormPage />) },
      { path: 'legislation', element: page('governance:read', <LegislationListPage />) },
      { path: 'legislation/new', element: page('legislation:write', <LegislationFormPage />) },
      { path: 'legislation/:id', element: page('governance:read', <LegislationDetailPage />) },
      { path: 'legislation/:id/edit', element: page('legislation:write', <LegislationFormPage />) },
      { path: 'disputes', element: page('governance:read', <DisputesListPage />) },
      { path: 'disputes/new', element: page('disputes:write', <DisputeFormPage />) },
      { path: 'disputes/:id', element: page('governance:read', <DisputeDetailPage />) },
      { path: 'reports', element: page('reports:read', <ReportsPage />) },
      { path: 'warnings', element: page('objects:read', <WarningsListPage />) },
      { path: 'warnings/new', element: page('warnings:send', <WarningFormPage />) },
      { path: 'warnings/:id', element: page('objects:read', <WarningDetailPage />) },
      { path: 'requests', element: page('objects:read', <RequestsListPage />) },
      { path: 'requests/new', element: page('requests:submit', <RequestFormPage />) },
      { path: 'requests/:id', element: page('objects:read', <RequestDetailPage />) },
      { path: 'peers', element: page('peers:read', <PeersPage />) },
      { path: 'ledger', element: page('ledger:read', <LedgerPage />) },
      { path: 'consultations', element: page('governance:read', <ConsultationsListPage />) },
      { path: 'consultations/new', element: page('consultations:write', <ConsultationFormPage />) },
      { path: 'consultations/:id', element: page('governance:read', <ConsultationDetailPage />) },
      { path: 'consents', element: page('objects:read', <ConsentsListPage />) },
      { path: 'consents/new', element: page('consents:request', <ConsentFormPage />) },
      { path: 'consents/:id', element: page('objects:read', <ConsentDetailPage />) },
      { path: '*', element: <NotFound /> },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
