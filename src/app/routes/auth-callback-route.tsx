import { redirect, useLoaderData, type LoaderFunctionArgs } from 'react-router';

import { completeLogin, isLoginResponse, LoginError, notifyLoginCompleted } from '../../auth';
import {
  LoginCallbackPage,
  type LoginCallbackResult,
} from '../../auth/components/login-callback-page';
import { paths } from '../paths';

/**
 * Finishes the login at the redirect URI and goes back to the page the user was
 * on. Without login parameters this is the return from logout.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const search = new URL(request.url).searchParams;
  if (!isLoginResponse(search)) {
    return { kind: 'signed-out' } satisfies LoginCallbackResult;
  }
  try {
    const { returnTo } = await completeLogin(search);
    notifyLoginCompleted();
    return redirect(returnTo);
  } catch (error) {
    if (error instanceof LoginError) {
      return {
        kind: 'failed',
        message: error.message,
        returnTo: error.returnTo,
      } satisfies LoginCallbackResult;
    }
    throw error;
  }
}

export function Component() {
  const result = useLoaderData<typeof loader>();
  return (
    <LoginCallbackPage result={result} homeHref={paths.home()} settingsHref={paths.settings()} />
  );
}
