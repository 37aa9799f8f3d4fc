import { createBrowserRouter, type RouteObject } from 'react-router';

import { RootLayout } from './root-layout';
import { NotFoundPage, RootError, RouteError } from './route-error';
import { routePatterns } from './paths';

/** The app's routes; each page's code loads on first visit. */
export const routes: RouteObject[] = [
  // The login callback sits outside the layout, whose account area would call
  // the API before the token exists.
  {
    path: routePatterns.authCallback,
    ErrorBoundary: RootError,
    HydrateFallback: () => null,
    lazy: () => import('./routes/auth-callback-route'),
  },
  {
    path: '/',
    Component: RootLayout,
    ErrorBoundary: RootError,
    HydrateFallback: () => null,
    children: [
      {
        ErrorBoundary: RouteError,
        children: [
          { index: true, lazy: () => import('./routes/list-route') },
          { path: routePatterns.recording, lazy: () => import('./routes/detail-route') },
          { path: routePatterns.summary, lazy: () => import('./routes/summary-route') },
          { path: routePatterns.settings, lazy: () => import('./routes/settings-route') },
          { path: '*', Component: () => <NotFoundPage /> },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
