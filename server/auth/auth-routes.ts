import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import type { EmulatorContext } from '../app.ts';
import { ApiProblem, sendProblem } from '../errors.ts';
import { isAllowedOrigin } from './cors.ts';
import { s256Challenge, TokenStore } from './token-store.ts';

/** A PKCE code verifier or challenge: 43 to 128 characters from `A-Z a-z 0-9 - . _ ~`. */
const PKCE_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/;

type FormBody = Record<string, string | undefined>;

interface AuthorizeQuery {
  client_id?: string;
  redirect_uri?: string;
  response_type?: string;
  code_challenge?: string;
  code_challenge_method?: string;
  state?: string;
}

/** Returns the bearer token of a request, or undefined without one. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

/**
 * Returns the redirect URI when it is an absolute http(s) URL on a loopback host,
 * because the emulator serves loopback only, so no login sends a code elsewhere.
 */
function checkedRedirectUri(value: string | undefined): URL | undefined {
  if (value === undefined || !isAllowedOrigin(value)) {
    return undefined;
  }
  return new URL(value);
}

/** Sends an OAuth 2.0 error response (RFC 6749, section 5.2), as the login host does. */
function sendOAuthError(reply: FastifyReply, status: number, error: string, description: string) {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .send({ error, error_description: description });
}

function redirectWith(
  reply: FastifyReply,
  target: URL,
  params: Record<string, string | undefined>,
) {
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) {
      target.searchParams.set(name, value);
    }
  }
  return reply.redirect(target.toString(), 302);
}

function registerAuthorize(api: FastifyInstance, tokens: TokenStore): void {
  api.get<{ Querystring: AuthorizeQuery }>('/oauth/authorize', async (request, reply) => {
    const query = request.query;
    const redirectUri = checkedRedirectUri(query.redirect_uri);
    if (redirectUri === undefined || !query.client_id) {
      // Without a usable redirect URI the error cannot go back to the app.
      throw new ApiProblem(
        400,
        'bad.request',
        'The login request needs client_id and a redirect_uri on a loopback host (127.0.0.1, localhost or [::1]).',
      );
    }
    if (query.response_type !== 'code') {
      return redirectWith(reply, redirectUri, {
        error: 'unsupported_response_type',
        error_description: 'Only response_type=code is supported.',
        state: query.state,
      });
    }
    if (query.code_challenge_method !== 'S256' || !PKCE_PATTERN.test(query.code_challenge ?? '')) {
      return redirectWith(reply, redirectUri, {
        error: 'invalid_request',
        error_description: 'PKCE is required: send code_challenge with code_challenge_method=S256.',
        state: query.state,
      });
    }
    // The emulator has a single user, so login succeeds at once without a page.
    const code = tokens.issueCode({
      clientId: query.client_id,
      redirectUri: redirectUri.toString(),
      codeChallenge: query.code_challenge ?? '',
    });
    request.log.info(
      { clientId: query.client_id, correlationId: request.id },
      'login: code issued',
    );
    return redirectWith(reply, new URL(redirectUri), { code, state: query.state });
  });
}

function registerToken(scope: FastifyInstance, tokens: TokenStore): void {
  scope.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );

  scope.post<{ Body: FormBody | undefined }>('/oauth/token', async (request, reply) => {
    const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (mediaType !== 'application/x-www-form-urlencoded') {
      return sendOAuthError(
        reply,
        400,
        'invalid_request',
        'Send the token request as application/x-www-form-urlencoded.',
      );
    }
    const form = request.body ?? {};
    if (form.grant_type !== 'authorization_code') {
      return sendOAuthError(
        reply,
        400,
        'unsupported_grant_type',
        'Only grant_type=authorization_code is supported.',
      );
    }
    if (
      !form.code ||
      !form.client_id ||
      !form.redirect_uri ||
      !PKCE_PATTERN.test(form.code_verifier ?? '')
    ) {
      return sendOAuthError(
        reply,
        400,
        'invalid_request',
        'The token request needs code, client_id, redirect_uri and a code_verifier of 43 to 128 characters.',
      );
    }
    const grant = tokens.redeemCode(form.code);
    const redirectUri = checkedRedirectUri(form.redirect_uri)?.toString();
    if (
      grant === undefined ||
      grant.clientId !== form.client_id ||
      grant.redirectUri !== redirectUri ||
      grant.codeChallenge !== s256Challenge(form.code_verifier ?? '')
    ) {
      request.log.info(
        { clientId: form.client_id, correlationId: request.id },
        'login: token request rejected',
      );
      return sendOAuthError(
        reply,
        400,
        'invalid_grant',
        'The code is unknown, expired or already used, or the client, redirect URI or code verifier does not match it.',
      );
    }
    const { token, expiresInSeconds } = tokens.issueToken(grant.clientId);
    request.log.info(
      { clientId: grant.clientId, correlationId: request.id },
      'login: token issued',
    );
    return reply
      .header('cache-control', 'no-store')
      .send({ access_token: token, token_type: 'bearer', expires_in: expiresInSeconds });
  });
}

function registerLogout(api: FastifyInstance, tokens: TokenStore): void {
  api.get<{ Querystring: { client_id?: string; redirect_uri?: string } }>(
    '/logout',
    async (request, reply) => {
      const revoked = request.query.client_id ? tokens.revokeClient(request.query.client_id) : 0;
      request.log.info(
        { clientId: request.query.client_id, revoked, correlationId: request.id },
        'logout: tokens revoked',
      );
      const redirectUri = checkedRedirectUri(request.query.redirect_uri);
      if (redirectUri !== undefined) {
        return reply.redirect(redirectUri.toString(), 302);
      }
      return reply
        .type('text/html')
        .send('<!doctype html><title>Signed out</title><p>You are signed out of the emulator.</p>');
    },
  );
}

/**
 * Registers the OAuth emulation used when `config.requireAuth` is on: the PKCE
 * authorization code grant at `/oauth/authorize` and `/oauth/token`, `/logout`,
 * and a check that rejects API calls without a valid bearer token with 401.
 * Returns the token store, which `/api/v2/tokens/me` reads.
 */
export function registerAuth(api: FastifyInstance, _context: EmulatorContext): TokenStore {
  const tokens = new TokenStore();

  api.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/') || request.method === 'OPTIONS') {
      return undefined;
    }
    const token = bearerToken(request);
    if (token !== undefined && tokens.lookupToken(token) !== undefined) {
      return undefined;
    }
    request.log.info(
      { correlationId: request.id, tokenSent: token !== undefined },
      'request rejected: no valid bearer token',
    );
    return sendProblem(
      request,
      reply,
      new ApiProblem(
        401,
        'authentication.required',
        token === undefined
          ? 'Authentication required: send an access token in the Authorization: Bearer header.'
          : 'The access token is invalid or expired; log in again.',
      ),
    );
  });

  registerAuthorize(api, tokens);
  // The form parser is scoped to the token route, so no API route accepts form bodies.
  void api.register((scope, _options, done) => {
    registerToken(scope, tokens);
    done();
  });
  registerLogout(api, tokens);
  return tokens;
}
