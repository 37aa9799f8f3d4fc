import { RouterProvider } from 'react-router/dom';

import { AppProviders } from './providers';
import { queryClient } from './query-client';
import { createAppRouter } from './router';
import './styles/app.css';

const router = createAppRouter();

/** The whole app: providers around the router. */
export function App() {
  return (
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>
  );
}
