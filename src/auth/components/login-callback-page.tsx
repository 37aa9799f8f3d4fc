import { Link } from 'react-router';

import { startLogin } from '../session';

/** Outcome the callback route found: the return from logout, or a login that failed. */
export type LoginCallbackResult =
  { kind: 'signed-out' } | { kind: 'failed'; message: string; returnTo: string };

/**
 * The page at the redirect URI when no redirect back into the app follows: after
 * logout, or when a login failed (with the reason and a way to try again).
 */
export function LoginCallbackPage({
  result,
  homeHref,
  settingsHref,
}: {
  result: LoginCallbackResult;
  homeHref: string;
  settingsHref: string;
}) {
  const returnTo = result.kind === 'failed' ? result.returnTo : homeHref;
  const logIn = (
    <button
      type="button"
      className="button button--primary"
      onClick={() => {
        void startLogin(returnTo);
      }}
    >
      {result.kind === 'failed' ? 'Try again' : 'Log in'}
    </button>
  );

  return (
    <main id="main" className="login-callback">
      {result.kind === 'signed-out' ? (
        <>
          <title>Signed out · Recordings</title>
          <h1>You are signed out</h1>
          <p>Log in again to see your recordings.</p>
        </>
      ) : (
        <>
          <title>Login failed · Recordings</title>
          <h1>Login failed</h1>
          <p role="alert">{result.message}</p>
        </>
      )}
      <p className="login-callback__actions">
        {logIn}
        <Link to={settingsHref}>Connection settings</Link>
      </p>
    </main>
  );
}
