import { createPath } from 'react-router';
import { RouterProvider } from 'react-router/dom';

import { installAuthentication, setLoginReturnPathProvider } from '../auth';
import { AppProviders } from './providers';
import { queryClient } from './query-client';
import { createAppRouter } from './router';
import './styles/app.css';

// Before the router exists, because creating it starts the first page's loaders.
installAuthentication();
const router = createAppRouter();
setLoginReturnPathProvider(() =>
  createPath(router.state.navigation.location ?? router.state.location),
);

/** The whole app: providers around the router. */
export function App() {
  return (
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>
  );
}
