import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, renderHook } from '@testing-library/react';
import type { ComponentType, ReactElement, ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';

/** A query client for one test: no retries, nothing garbage-collected mid-test. */
export function createTestQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, gcTime: Infinity, staleTime: Infinity },
      mutations: { retry: false },
    },
  });
}

export interface RenderOptions {
  /** URL the memory router starts at. */
  route?: string;
  /** Route pattern the element is mounted at, such as `/recordings/:recordingId`. */
  path?: string;
  queryClient?: QueryClient;
  /** Extra providers inside the query client, such as a feature's context. */
  wrapper?: ComponentType<{ children: ReactNode }>;
}

function Passthrough({ children }: { children: ReactNode }) {
  return children;
}

/** Renders `ui` inside a QueryClientProvider and a memory router at `route`. */
export function renderWithProviders(ui: ReactElement, options: RenderOptions = {}) {
  const queryClient = options.queryClient ?? createTestQueryClient();
  const Wrapper = options.wrapper ?? Passthrough;
  const router = createMemoryRouter(
    [
      { path: options.path ?? '/', element: ui },
      { path: '*', element: <p>Elsewhere</p> },
    ],
    { initialEntries: [options.route ?? '/'] },
  );
  const result = render(
    <QueryClientProvider client={queryClient}>
      <Wrapper>
        <RouterProvider router={router} />
      </Wrapper>
    </QueryClientProvider>,
  );
  return { ...result, queryClient, router };
}

/** Renders a hook inside a QueryClientProvider and any extra providers. */
export function renderHookWithProviders<Result>(
  hook: () => Result,
  options: Pick<RenderOptions, 'queryClient' | 'wrapper'> = {},
) {
  const queryClient = options.queryClient ?? createTestQueryClient();
  const Inner = options.wrapper ?? Passthrough;
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <Inner>{children}</Inner>
    </QueryClientProvider>
  );
  return { ...renderHook(hook, { wrapper }), queryClient };
}
