import { useQuery } from '@tanstack/react-query';
import { toast } from 'sonner';

import { logout, startLogin } from '../session';
import { tokenInfoOptions } from '../token-info';
import { useAuthSession } from '../use-auth-session';
import { useSessionExpiry } from '../use-session-expiry';

function formatTime(epochMs: number): string {
  return new Intl.DateTimeFormat(undefined, { timeStyle: 'short' }).format(new Date(epochMs));
}

function LoginButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      className="button"
      onClick={() => {
        startLogin().catch((error: unknown) => {
          toast.error(
            `The login could not start: ${error instanceof Error ? error.message : String(error)}`,
          );
        });
      }}
    >
      {label}
    </button>
  );
}

function SignedIn({ expiresAt }: { expiresAt: number }) {
  const { data: tokenInfo, isError } = useQuery(tokenInfoOptions(expiresAt));
  useSessionExpiry(expiresAt);

  const organization = tokenInfo?.organization?.name;
  const scopes = tokenInfo?.authorizedScope ?? [];
  return (
    <>
      <dl className="account__facts">
        <div>
          <dt>Organization</dt>
          <dd>{organization ?? (isError ? 'unknown' : '…')}</dd>
        </div>
        {scopes.length > 0 && (
          <div>
            <dt>Scopes</dt>
            <dd>{scopes.join(', ')}</dd>
          </div>
        )}
        <div>
          <dt>Session ends</dt>
          <dd>
            <time dateTime={new Date(expiresAt).toISOString()}>{formatTime(expiresAt)}</time>
          </dd>
        </div>
      </dl>
      <button type="button" className="button" onClick={logout}>
        Log out
      </button>
    </>
  );
}

/**
 * The account part of the page header: organization, scopes and session end
 * with a logout button while logged in, a login button when a login is needed.
 * Nothing shows for the emulator without login.
 */
export function AccountArea() {
  const session = useAuthSession();

  let content;
  if (session.token !== undefined) {
    content = <SignedIn expiresAt={session.token.expiresAt} />;
  } else if (session.tokenRejected) {
    content = (
      <>
        <p className="account__status">The server rejected the login.</p>
        <LoginButton label="Log in again" />
      </>
    );
  } else if (session.tokenExpired) {
    content = (
      <>
        <p className="account__status">The session has ended.</p>
        <LoginButton label="Log in again" />
      </>
    );
  } else if (session.loginRequired) {
    content = <LoginButton label="Log in" />;
  } else {
    return null;
  }
  return (
    <section className="account" aria-label="Account">
      {content}
    </section>
  );
}
