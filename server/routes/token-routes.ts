import type { FastifyInstance } from 'fastify';

import type { EmulatorContext } from '../app.ts';
import { bearerToken, registerAuth } from '../auth/auth-routes.ts';
import { registerCors } from '../auth/cors.ts';
import type { TokenInfo } from '../types.ts';

/** The organization and OAuth client that `/api/v2/tokens/me` reports. */
export const EMULATOR_ORGANIZATION = {
  id: '00000000-0000-4000-8000-000000000001',
  name: 'Local emulator',
} as const;

export const EMULATOR_OAUTH_CLIENT = {
  id: '00000000-0000-4000-8000-000000000002',
  name: 'Recordings web (emulator)',
  dateCreated: '2024-01-01T00:00:00.000Z',
} as const;

export const EMULATOR_SCOPES = ['user-recordings', 'user-basic-info'] as const;

/** Seconds from now reported as `dateTokenIdles` when login is off. */
const IDLE_SECONDS_WITHOUT_LOGIN = 24 * 3600;

/**
 * Registers GET `/api/v2/tokens/me`, CORS for loopback origins, and, when
 * `config.requireAuth` is on, the OAuth emulation and the bearer token check.
 */
export function registerTokenRoutes(api: FastifyInstance, context: EmulatorContext): void {
  registerCors(api);
  const tokens = context.config.requireAuth ? registerAuth(api, context) : undefined;

  api.get('/api/v2/tokens/me', (request) => {
    const token = bearerToken(request);
    const expiresAt = token === undefined ? undefined : tokens?.lookupToken(token)?.expiresAt;
    const tokenInfo: TokenInfo = {
      organization: { ...EMULATOR_ORGANIZATION },
      homeOrganization: { ...EMULATOR_ORGANIZATION },
      authorizedScope: [...EMULATOR_SCOPES],
      OAuthClient: { ...EMULATOR_OAUTH_CLIENT, organization: { ...EMULATOR_ORGANIZATION } },
      dateTokenIdles: new Date(
        expiresAt ?? Date.now() + IDLE_SECONDS_WITHOUT_LOGIN * 1000,
      ).toISOString(),
    };
    return tokenInfo;
  });
}
