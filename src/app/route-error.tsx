import { isRouteErrorResponse, Link, useRevalidator, useRouteError } from 'react-router';

import { isApiError } from '../api';
import { ErrorPanel } from '../components/error-panel';
import { paths } from './paths';

/** The page shown for an unknown URL or a recording that does not exist. */
export function NotFoundPage({ what = 'page' }: { what?: 'page' | 'recording' }) {
  return (
    <section className="not-found">
      <title>Not found · Recordings</title>
      <h1>{what === 'recording' ? 'Recording not found' : 'Page not found'}</h1>
      <p>
        {what === 'recording'
          ? 'This recording does not exist. It may have been deleted.'
          : 'There is nothing at this address.'}
      </p>
      <p>
        <Link to={paths.home()}>Back to the recordings</Link>
      </p>
    </section>
  );
}

/**
 * Error boundary of a route: a 404 from the API shows the not-found page, any
 * other error its details with a Retry button that runs the route's loader again.
 */
export function RouteError() {
  const error = useRouteError();
  const revalidator = useRevalidator();

  if (
    (isApiError(error) && error.status === 404) ||
    (isRouteErrorResponse(error) && error.status === 404)
  ) {
    return <NotFoundPage what={isApiError(error) ? 'recording' : 'page'} />;
  }
  return (
    <section>
      <title>Error · Recordings</title>
      <h1>This page could not be loaded</h1>
      <ErrorPanel
        error={error}
        title="The request failed"
        onRetry={() => {
          void revalidator.revalidate();
        }}
      />
    </section>
  );
}

/** Error boundary of the whole app, shown when even the layout fails. */
export function RootError() {
  const error = useRouteError();
  return (
    <main id="main" className="root-error">
      <title>Error · Recordings</title>
      <h1>The app failed</h1>
      <ErrorPanel
        error={error}
        title="Something went wrong"
        onRetry={() => window.location.reload()}
      />
    </main>
  );
}
