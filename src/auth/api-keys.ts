import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { APPID_RULE, isAppId } from '../wechat';
import { SCOPES, type Caller } from './caller';

/** One entry of the API keys file: a service, the SHA-256 of its key, and what it may do. */
export interface ApiKeyEntry {
  readonly name: string;
  /** Hex SHA-256 of the key; the key itself is never stored. */
  readonly sha256: string;
  readonly appids: '*' | readonly string[];
  readonly scopes: readonly string[];
}

/** Keys the gateway issues start with this, so a leaked one is recognisable (secret scanners). */
export const API_KEY_PREFIX = 'wxgw_';

const entrySchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'name must be 1 to 64 characters of A-Z, a-z, 0-9, _ . : -'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'sha256 must be 64 lowercase hex characters (the hash, never the key)'),
  appids: z.union([z.literal('*'), z.array(z.string().refine(isAppId, `each appid must be ${APPID_RULE}`))]),
  scopes: z.array(z.enum(SCOPES)),
});

const fileSchema = z
  .array(entrySchema)
  .refine((entries) => new Set(entries.map((e) => e.name)).size === entries.length, 'names must be unique')
  .refine((entries) => new Set(entries.map((e) => e.sha256)).size === entries.length, 'hashes must be unique');

/**
 * Reads and validates the API keys file at start. Throws an Error whose message names the
 * problem and the entry's position, never a value from the file.
 */
export function readApiKeysFile(path: string): readonly ApiKeyEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('is not valid JSON');
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? ` (at ${issue.path.map(String).join('.')})` : '';
    throw new Error(`must be a JSON array of {name, sha256, appids, scopes}: ${issue.message}${where}`);
  }
  return parsed.data;
}

export function hashApiKey(key: string): string {
  return hash('sha256', key, 'hex');
}

/** A new random key: the prefix and 256 bits, base64url. */
export function generateApiKey(): string {
  return `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/**
 * Finds the entry whose hash matches `key`. Every entry is compared, in constant time, whatever
 * matches, so timing tells nothing about which hashes exist.
 */
export function createApiKeyVerifier(entries: readonly ApiKeyEntry[]): (key: string) => Caller | undefined {
  // Callers are immutable, so each key's is built once rather than per request.
  const known = entries.map((entry) => {
    const caller: Caller = {
      id: `api-key:${entry.name}`,
      kind: 'api-key',
      appids: entry.appids === '*' ? '*' : new Set(entry.appids),
      scopes: new Set(entry.scopes),
    };
    return { hash: Buffer.from(entry.sha256, 'hex'), caller };
  });
  return (key) => {
    const digest = hash('sha256', key, 'buffer');
    let found: Caller | undefined;
    // Every entry is compared, in constant time, whichever matches.
    for (const { hash: expected, caller } of known) {
      if (timingSafeEqual(digest, expected) && found === undefined) found = caller;
    }
    return found;
  };
}
