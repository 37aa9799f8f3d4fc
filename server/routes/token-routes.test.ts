import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { callApi, startTestEmulator, type TestEmulator } from '../test-support/index.ts';
import type { TokenInfo } from '../types.ts';

let server: TestEmulator;

beforeAll(async () => {
  server = await startTestEmulator();
});

afterAll(async () => {
  await server.close();
});

describe('GET /api/v2/tokens/me', () => {
  it('describes the emulator token', async () => {
    const response = await callApi(server, 'getTokensMe', '/api/v2/tokens/me');
    const token = response.body as TokenInfo;

    expect(response.status).toBe(200);
    expect(token.organization?.id).toEqual(expect.any(String));
    expect(token.homeOrganization).toEqual(token.organization);
    expect(token.authorizedScope).toContain('user-recordings');
    expect(token.authorizedScope).toContain('user-basic-info');
    expect(token.OAuthClient?.organization).toEqual(token.organization);
    expect(Date.parse(token.dateTokenIdles ?? '')).toBeGreaterThan(Date.now());
  });
});
