import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useProfile } from '../api/queries';
import { useSession } from '../auth/session';
import { pickText } from '../i18n/i18n';
import { useLocale } from '../i18n/use-locale';
import { regionName } from '../ui/region';
import { Clock } from './clock';
import { LanguageSwitch } from './language-switch';
import { LiveIndicator } from './live-events';
import { NotificationsMenu } from './notifications-menu';
import { navigation } from './navigation';

/** The frame of every signed-in page: top bar (Party, clocks, language, user) and navigation. */
export function Shell() {
  const { t } = useTranslation();
  const locale = useLocale();
  const session = useSession();
  const profile = useProfile();
  const party = profile.data?.parties.find((p) => p.code === session.me.party);
  const partyName = party ? pickText(party.name, locale) : regionName(session.me.party, locale);
  const main = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const first = useRef(true);
  // After moving to another page, screen readers and keyboards start at its content, not the old link.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
  }, [pathname]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            A
          </span>
          {t('app.name')}
        </div>
        <div className="topbar-party" data-testid="node-party">
          {t('shell.node', { party: partyName, code: session.me.party })}
        </div>
        <div className="topbar-spacer" />
        <LiveIndicator />
        <Clock />
        <LanguageSwitch value={locale} onChange={(l) => void session.setLanguage(l)} />
        <NotificationsMenu />
        <div className="user-menu" data-testid="user-menu">
          <span className="user-name">{session.me.name}</span>
          <span className="badge badge-muted">{t(`roles.${session.me.role}`)}</span>
          <button type="button" className="button button-small" onClick={() => void session.signOut()}>
            {t('shell.signOut')}
          </button>
        </div>
      </header>
      <nav className="sidebar" aria-label={t('nav.label')}>
        {navigation.map((group) => {
          const items = group.items.filter((item) => !item.permission || session.can(item.permission));
          if (items.length === 0) return null;
          return (
            <div className="nav-group" key={group.labelKey}>
              <div className="nav-group-label">{t(group.labelKey)}</div>
              <ul>
                {items.map((item) => (
                  <li key={item.path}>
                    <NavLink
                      to={item.path}
                      end={item.end ?? false}
                      className={({ isActive }) => (isActive ? 'nav-link active' : 'nav-link')}
                    >
                      {t(item.labelKey)}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </nav>
      <main className="content" id="main" tabIndex={-1} ref={main}>
        <Outlet />
      </main>
    </div>
  );
}
