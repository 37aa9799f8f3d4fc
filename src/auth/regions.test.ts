import platformClient from 'purecloud-platform-client-v2';
import { describe, expect, it } from 'vitest';

import { findRegion, isRegionKey, regionApiOrigin, regionLoginOrigin, REGIONS } from './regions';

describe('REGIONS', () => {
  it('lists the 18 regions once each', () => {
    expect(REGIONS).toHaveLength(18);
    expect(new Set(REGIONS.map((region) => region.key)).size).toBe(18);
  });

  it('matches the platform SDK table', () => {
    const sdkHosts = (platformClient as unknown as { PureCloudRegionHosts: Record<string, string> })
      .PureCloudRegionHosts;
    expect(Object.fromEntries(REGIONS.map((region) => [region.key, region.domain]))).toEqual(
      sdkHosts,
    );
  });
});

describe('region URLs', () => {
  it.each([
    ['us_east_1', 'https://api.mypurecloud.com', 'https://login.mypurecloud.com'],
    ['us_east_2', 'https://api.use2.us-gov-pure.cloud', 'https://login.use2.us-gov-pure.cloud'],
    ['eu_west_1', 'https://api.mypurecloud.ie', 'https://login.mypurecloud.ie'],
    ['ap_southeast_2', 'https://api.mypurecloud.com.au', 'https://login.mypurecloud.com.au'],
    ['eusc_de_east_1', 'https://api.edee1.eusc-pure.cloud', 'https://login.edee1.eusc-pure.cloud'],
  ] as const)('builds the hosts of %s', (key, api, login) => {
    expect(regionApiOrigin(key)).toBe(api);
    expect(regionLoginOrigin(key)).toBe(login);
  });
});

describe('isRegionKey', () => {
  it('accepts known keys only', () => {
    expect(isRegionKey('ca_central_1')).toBe(true);
    expect(isRegionKey('ca-central-1')).toBe(false);
    expect(isRegionKey('toString')).toBe(false);
    expect(isRegionKey(undefined)).toBe(false);
  });
});

describe('findRegion', () => {
  it('throws for an unknown key', () => {
    expect(() => findRegion('nowhere' as never)).toThrow(/Unknown Genesys Cloud region/);
  });
});
