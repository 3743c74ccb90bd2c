import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { keys, useUsers } from '../../api/queries';
import type { Role, User } from '../../api/types';
import { useLocale } from '../../i18n/use-locale';
import { Badge } from '../../ui/badges';
import { Denied, isForbidden, Loading, ProblemAlert } from '../../ui/feedback';
import { formatDateTime } from '../../ui/format';
import { Card, PageHeader } from '../../ui/layout';

const ROLES: readonly Role[] = ['admin', 'liaison', 'analyst', 'reader'];
const LOCALES = ['', 'zh', 'ru', 'en'] as const;
const NAME = /^[A-Za-z0-9._@-]{2,64}$/;

function NewUserForm({ onDone }: { readonly onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    name: '',
    displayName: '',
    role: 'analyst' as Role,
    password: '',
    locale: '',
  });
  const nameError = form.name && !NAME.test(form.name) ? t('users.nameRule') : undefined;
  const passwordError = form.password && form.password.length < 12 ? t('users.passwordRule') : undefined;
  const create = useMutation({
    mutationFn: () =>
      api<User>('/api/v1/users', {
        method: 'POST',
        body: {
          name: form.name,
          role: form.role,
          ...(form.displayName ? { displayName: form.displayName } : {}),
          ...(form.password ? { password: form.password } : {}),
          locale: form.locale || null,
        },
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.users });
      onDone();
    },
  });
  return (
    <form
      className="form form-grid"
      onSubmit={(e) => {
        e.preventDefault();
        if (!nameError && !passwordError) create.mutate();
      }}
      data-testid="new-user-form"
    >
      <label className="field">
        <span className="field-label">{t('users.name')} *</span>
        <input
          required
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
          aria-invalid={Boolean(nameError)}
          aria-describedby="user-name-error"
          autoComplete="off"
        />
        {nameError && (
          <span className="field-error" id="user-name-error">
            {nameError}
          </span>
        )}
      </label>
      <label className="field">
        <span className="field-label">{t('users.displayName')}</span>
        <input value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} />
      </label>
      <label className="field">
        <span className="field-label">{t('users.role')}</span>
        <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('users.locale')}</span>
        <select value={form.locale} onChange={(e) => setForm({ ...form, locale: e.target.value })}>
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {t(`users.localeName.${l || 'none'}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('users.password')}</span>
        <input
          type="password"
          autoComplete="new-password"
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
          aria-invalid={Boolean(passwordError)}
          aria-describedby="user-password-hint"
        />
        <span className={passwordError ? 'field-error' : 'field-hint'} id="user-password-hint">
          {passwordError ?? t('users.passwordHint')}
        </span>
      </label>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={create.isPending || !form.name}>
          {t('users.create')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
      <ProblemAlert error={create.error} />
    </form>
  );
}

function UserRow({ user }: { readonly user: User }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState<string | null>(null);
  const patch = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api<User>(`/api/v1/users/${encodeURIComponent(user.id)}`, { method: 'PATCH', body }),
    onSuccess: async () => {
      setPassword(null);
      await queryClient.invalidateQueries({ queryKey: keys.users });
    },
  });
  return (
    <>
      <tr className={user.disabled ? 'row-disabled' : ''}>
        <td>
          <strong>{user.name}</strong>
          {user.displayName !== user.name && <div className="small muted">{user.displayName}</div>}
        </td>
        <td>
          <select
            aria-label={t('users.roleOf', { name: user.name })}
            value={user.role}
            onChange={(e) => patch.mutate({ role: e.target.value })}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </td>
        <td>
          <select
            aria-label={t('users.localeOf', { name: user.name })}
            value={user.locale ?? ''}
            onChange={(e) => patch.mutate({ locale: e.target.value || null })}
          >
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {t(`users.localeName.${l || 'none'}`)}
              </option>
            ))}
          </select>
        </td>
        <td>
          {user.disabled ? (
            <Badge tone="bad">{t('users.disabled')}</Badge>
          ) : (
            <Badge tone="ok">{t('users.active')}</Badge>
          )}
        </td>
        <td>{formatDateTime(user.created, locale)}</td>
        <td>
          <div className="row-actions">
            <button
              type="button"
              className="button button-small"
              onClick={() => patch.mutate({ disabled: !user.disabled })}
            >
              {user.disabled ? t('users.enable') : t('users.disable')}
            </button>
            <button
              type="button"
              className="button button-small"
              onClick={() => setPassword(password === null ? '' : null)}
            >
              {t('users.resetPassword')}
            </button>
          </div>
        </td>
      </tr>
      {(password !== null || patch.error) && (
        <tr>
          <td colSpan={6}>
            {password !== null && (
              <form
                className="form-row"
                onSubmit={(e) => {
                  e.preventDefault();
                  patch.mutate({ password });
                }}
              >
                <label className="field field-inline">
                  <span className="field-label">{t('users.newPasswordFor', { name: user.name })}</span>
                  <input
                    type="password"
                    autoComplete="new-password"
                    minLength={12}
                    required
                    value={password}
                    onChange={(e) => setPassword(e.target.value)}
                  />
                </label>
                <button
                  type="submit"
                  className="button button-primary button-small"
                  disabled={password.length < 12}
                >
                  {t('common.save')}
                </button>
              </form>
            )}
            <ProblemAlert error={patch.error} />
          </td>
        </tr>
      )}
    </>
  );
}

/** The node's users: roles, languages, access; admins only. */
export default function UsersPage() {
  const { t } = useTranslation();
  const users = useUsers(true);
  const [adding, setAdding] = useState(false);
  if (isForbidden(users.error)) return <Denied />;
  return (
    <div className="page">
      <PageHeader
        title={t('users.title')}
        actions={
          !adding && (
            <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
              {t('users.add')}
            </button>
          )
        }
      />
      {adding && (
        <Card title={t('users.add')}>
          <NewUserForm onDone={() => setAdding(false)} />
        </Card>
      )}
      <Card>
        {users.isPending ? (
          <Loading />
        ) : users.isError ? (
          <ProblemAlert error={users.error} />
        ) : (
          <table className="table" data-testid="users-table">
            <thead>
              <tr>
                <th>{t('users.name')}</th>
                <th>{t('users.role')}</th>
                <th>{t('users.locale')}</th>
                <th>{t('users.state')}</th>
                <th>{t('users.created')}</th>
                <th>
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((u) => (
                <UserRow key={u.id} user={u} />
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
