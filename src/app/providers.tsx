import { QueryClientProvider } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Toaster } from 'sonner';

import { PendingDeletesProvider } from '../features/recordings/api/pending-deletes';

/**
 * The app's providers. Pending deletes sit above the router, so a delete
 * waiting for its undo is still sent after the user moves to another page.
 */
export function AppProviders({
  queryClient,
  children,
}: {
  queryClient: QueryClient;
  children: ReactNode;
}) {
  return (
    <QueryClientProvider client={queryClient}>
      <PendingDeletesProvider>{children}</PendingDeletesProvider>
      <Toaster position="bottom-center" theme="system" closeButton />
    </QueryClientProvider>
  );
}
