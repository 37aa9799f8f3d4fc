import { describe, expect, it } from 'vitest';

import {
  connectionEndpoints,
  CONNECTION_STORAGE_KEY,
  parseConnectionSettings,
  readConnectionSettings,
  redirectUriFor,
  sameConnection,
  validateClientId,
  writeConnectionSettings,
} from './connection';

const CLIENT_ID = '2f1c7f3e-0d0a-4b43-9d4a-0f3d2c8a9b11';

describe('parseConnectionSettings', () => {
  it('reads the emulator setting', () => {
    expect(parseConnectionSettings({ kind: 'emulator' })).toEqual({ kind: 'emulator' });
  });

  it('reads a Genesys setting and trims the client id', () => {
    expect(
      parseConnectionSettings({ kind: 'genesys', region: 'eu_west_1', clientId: ` ${CLIENT_ID} ` }),
    ).toEqual({ kind: 'genesys', region: 'eu_west_1', clientId: CLIENT_ID });
  });

  it('drops unknown extra fields', () => {
    expect(parseConnectionSettings({ kind: 'emulator', region: 'eu_west_1' })).toEqual({
      kind: 'emulator',
    });
  });

  it.each([
    ['null', null],
    ['a string', 'genesys'],
    ['an array', []],
    ['no kind', { region: 'eu_west_1', clientId: CLIENT_ID }],
    ['an unknown kind', { kind: 'proxy' }],
    ['an unknown region', { kind: 'genesys', region: 'eu_west_9', clientId: CLIENT_ID }],
    ['a missing client id', { kind: 'genesys', region: 'eu_west_1' }],
    ['an empty client id', { kind: 'genesys', region: 'eu_west_1', clientId: '  ' }],
    ['a numeric client id', { kind: 'genesys', region: 'eu_west_1', clientId: 42 }],
  ])('returns the emulator for %s', (_case, value) => {
    expect(parseConnectionSettings(value)).toEqual({ kind: 'emulator' });
  });
});

describe('readConnectionSettings', () => {
  it('returns the emulator when nothing is stored', () => {
    localStorage.clear();
    expect(readConnectionSettings()).toEqual({ kind: 'emulator' });
  });

  it('returns the emulator for invalid JSON', () => {
    localStorage.setItem(CONNECTION_STORAGE_KEY, '{"kind": "genesys",');
    expect(readConnectionSettings()).toEqual({ kind: 'emulator' });
  });

  it('reads what writeConnectionSettings stored', () => {
    const settings = { kind: 'genesys', region: 'ap_southeast_2', clientId: CLIENT_ID } as const;
    writeConnectionSettings(settings);
    expect(readConnectionSettings()).toEqual(settings);
  });

  it('returns the emulator when storage throws', () => {
    const blocked = {
      getItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
    } as unknown as Storage;
    expect(readConnectionSettings(blocked)).toEqual({ kind: 'emulator' });
  });
});

describe('validateClientId', () => {
  it('accepts a UUID', () => {
    expect(validateClientId(CLIENT_ID)).toBeUndefined();
  });

  it('rejects an empty id', () => {
    expect(validateClientId('   ')).toBe('Enter the OAuth client id.');
  });

  it('rejects inner spaces', () => {
    expect(validateClientId('abc def')).toMatch(/spaces/);
  });

  it('rejects overlong ids', () => {
    expect(validateClientId('a'.repeat(201))).toMatch(/longer than 200/);
  });
});

describe('connectionEndpoints', () => {
  it('uses the page origin for the emulator', () => {
    expect(connectionEndpoints({ kind: 'emulator' }, 'http://127.0.0.1:8787')).toEqual({
      apiBaseUrl: 'http://127.0.0.1:8787',
      loginOrigin: 'http://127.0.0.1:8787',
      clientId: 'recordings-web-emulator',
      loginRequired: false,
    });
  });

  it('uses the region hosts for Genesys Cloud', () => {
    expect(
      connectionEndpoints(
        { kind: 'genesys', region: 'eu_central_1', clientId: CLIENT_ID },
        'http://127.0.0.1:8787',
      ),
    ).toEqual({
      apiBaseUrl: 'https://api.mypurecloud.de',
      loginOrigin: 'https://login.mypurecloud.de',
      clientId: CLIENT_ID,
      loginRequired: true,
    });
  });
});

describe('redirectUriFor', () => {
  it('appends the callback path', () => {
    expect(redirectUriFor('https://recordings.example.com')).toBe(
      'https://recordings.example.com/auth/callback',
    );
  });
});

describe('sameConnection', () => {
  const genesys = { kind: 'genesys', region: 'eu_west_1', clientId: CLIENT_ID } as const;

  it('matches equal settings', () => {
    expect(sameConnection({ kind: 'emulator' }, { kind: 'emulator' })).toBe(true);
    expect(sameConnection(genesys, { ...genesys })).toBe(true);
  });

  it('tells regions, clients and kinds apart', () => {
    expect(sameConnection(genesys, { ...genesys, region: 'eu_west_2' })).toBe(false);
    expect(sameConnection(genesys, { ...genesys, clientId: 'other' })).toBe(false);
    expect(sameConnection(genesys, { kind: 'emulator' })).toBe(false);
  });
});
