import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { APPID_RULE, isAppId } from '../wechat/appid';
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
  return createHash('sha256').update(key, 'utf8').digest('hex');
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
  const known = entries.map((entry) => ({ entry, hash: Buffer.from(entry.sha256, 'hex') }));
  return (key) => {
    const hash = createHash('sha256').update(key, 'utf8').digest();
    let found: ApiKeyEntry | undefined;
    for (const { entry, hash: expected } of known) {
      if (timingSafeEqual(hash, expected) && found === undefined) found = entry;
    }
    if (found === undefined) return undefined;
    return {
      id: `api-key:${found.name}`,
      kind: 'api-key',
      appids: found.appids === '*' ? '*' : new Set(found.appids),
      scopes: new Set(found.scopes),
    };
  };
}
