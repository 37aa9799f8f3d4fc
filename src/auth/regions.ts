/**
 * Genesys Cloud regions and their domains, as `PureCloudRegionHosts` in the
 * JavaScript platform SDK (purecloud-platform-client-v2 262) lists them. The API is at `https://api.<domain>` and login at `https://login.<domain>`.
 * `us_east_2` is the FedRAMP region.
 */
export const REGIONS = [
  { key: 'us_east_1', domain: 'mypurecloud.com' },
  { key: 'us_east_2', domain: 'use2.us-gov-pure.cloud' },
  { key: 'us_west_2', domain: 'usw2.pure.cloud' },
  { key: 'ca_central_1', domain: 'cac1.pure.cloud' },
  { key: 'sa_east_1', domain: 'sae1.pure.cloud' },
  { key: 'mx_central_1', domain: 'mxc1.pure.cloud' },
  { key: 'eu_west_1', domain: 'mypurecloud.ie' },
  { key: 'eu_west_2', domain: 'euw2.pure.cloud' },
  { key: 'eu_central_1', domain: 'mypurecloud.de' },
  { key: 'eu_central_2', domain: 'euc2.pure.cloud' },
  { key: 'eusc_de_east_1', domain: 'edee1.eusc-pure.cloud' },
  { key: 'me_central_1', domain: 'mec1.pure.cloud' },
  { key: 'ap_south_1', domain: 'aps1.pure.cloud' },
  { key: 'ap_southeast_1', domain: 'apse1.pure.cloud' },
  { key: 'ap_southeast_2', domain: 'mypurecloud.com.au' },
  { key: 'ap_northeast_1', domain: 'mypurecloud.jp' },
  { key: 'ap_northeast_2', domain: 'apne2.pure.cloud' },
  { key: 'ap_northeast_3', domain: 'apne3.pure.cloud' },
] as const;

export type Region = (typeof REGIONS)[number];
export type RegionKey = Region['key'];

export const DEFAULT_REGION: RegionKey = 'us_east_1';

const REGIONS_BY_KEY = new Map<string, Region>(REGIONS.map((region) => [region.key, region]));

/** Returns the text that names a region in a select: its domain, which users see when they log in, and its key. */
export function regionLabel(region: Region): string {
  return `${region.domain} (${region.key})`;
}

export function isRegionKey(value: unknown): value is RegionKey {
  return typeof value === 'string' && REGIONS_BY_KEY.has(value);
}

export function findRegion(key: RegionKey): Region {
  const region = REGIONS_BY_KEY.get(key);
  if (region === undefined) {
    throw new Error(`Unknown Genesys Cloud region "${key}".`);
  }
  return region;
}

/** Returns the API origin of a region, such as `https://api.mypurecloud.com`. */
export function regionApiOrigin(key: RegionKey): string {
  return `https://api.${findRegion(key).domain}`;
}

/** Returns the login origin of a region, such as `https://login.mypurecloud.com`. */
export function regionLoginOrigin(key: RegionKey): string {
  return `https://login.${findRegion(key).domain}`;
}
