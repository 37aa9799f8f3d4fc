import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation, useNavigation } from 'react-router';

import { AccountArea } from '../auth';
import { paths } from './paths';

/** Page frame: skip link, header with navigation and account, main region and a loading bar. */
export function RootLayout() {
  const navigation = useNavigation();
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstPath = useRef(pathname);

  // After moving to another page, start keyboard and screen reader users at its content.
  useEffect(() => {
    if (pathname !== firstPath.current) {
      firstPath.current = pathname;
      mainRef.current?.focus();
    }
  }, [pathname]);

  const loading = navigation.state === 'loading';
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="app-header">
        <NavLink to={paths.home()} className="app-header__brand">
          Recordings
        </NavLink>
        <nav aria-label="Main">
          <ul className="app-nav">
            <li>
              <NavLink to={paths.home()} end>
                Inbox
              </NavLink>
            </li>
            <li>
              <NavLink to={paths.summary()}>Summary</NavLink>
            </li>
            <li>
              <NavLink to={paths.settings()}>Settings</NavLink>
            </li>
          </ul>
        </nav>
        <AccountArea />
      </header>
      <div className={loading ? 'route-progress is-active' : 'route-progress'} aria-hidden="true" />
      <main id="main" ref={mainRef} tabIndex={-1} aria-busy={loading}>
        <Outlet />
      </main>
    </>
  );
}
