import { createHash, randomBytes } from 'node:crypto';

/** Lifetime of an authorization code, in milliseconds. */
export const CODE_TTL_MS = 60_000;
/** Lifetime of an access token, in seconds: the Genesys default of 24 hours. */
export const TOKEN_TTL_SECONDS = 24 * 3600;

export interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  expiresAt: number;
}

export interface AccessToken {
  clientId: string;
  expiresAt: number;
}

/** Returns the S256 code challenge of a PKCE verifier: base64url, without padding, of its SHA-256. */
export function s256Challenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/**
 * Issued authorization codes and access tokens, kept in memory only, so a
 * restart of the emulator signs everyone out.
 */
export class TokenStore {
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly tokens = new Map<string, AccessToken>();

  issueCode(grant: Omit<AuthorizationCode, 'expiresAt'>, now = Date.now()): string {
    this.sweep(now);
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, { ...grant, expiresAt: now + CODE_TTL_MS });
    return code;
  }

  /** Removes and returns a code, so each code is redeemed at most once; undefined when unknown or expired. */
  redeemCode(code: string, now = Date.now()): AuthorizationCode | undefined {
    const grant = this.codes.get(code);
    this.codes.delete(code);
    return grant !== undefined && grant.expiresAt > now ? grant : undefined;
  }

  issueToken(clientId: string, now = Date.now()): { token: string; expiresInSeconds: number } {
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, { clientId, expiresAt: now + TOKEN_TTL_SECONDS * 1000 });
    return { token, expiresInSeconds: TOKEN_TTL_SECONDS };
  }

  /** Returns the token's details while it is valid. */
  lookupToken(token: string, now = Date.now()): AccessToken | undefined {
    const details = this.tokens.get(token);
    if (details !== undefined && details.expiresAt <= now) {
      this.tokens.delete(token);
      return undefined;
    }
    return details;
  }

  /** Revokes every token of a client; returns how many were revoked. */
  revokeClient(clientId: string): number {
    let revoked = 0;
    for (const [token, details] of this.tokens) {
      if (details.clientId === clientId) {
        this.tokens.delete(token);
        revoked += 1;
      }
    }
    return revoked;
  }

  private sweep(now: number): void {
    for (const [code, grant] of this.codes) {
      if (grant.expiresAt <= now) {
        this.codes.delete(code);
      }
    }
  }
}
