import { readFileSync } from 'node:fs';
import { loadConfigOrExit } from '../src/config';
import { createLogger } from '../src/observability/logger';
import { openStore } from '../src/stores';
import { isAppId } from '../src/wechat/vocabulary/appid';

const USAGE = `usage: npm run credentials:import -- <file.json | ->

Imports the authorizer refresh tokens a third-party platform already holds into the gateway's
credential store (Redis with REDIS_URL, else the state file STATE_FILE), for the platform
WECHAT_COMPONENT_APPID. Run it with the gateway's environment. The file (or stdin, "-") is either
  {"<authorizer_appid>": "<authorizer_refresh_token>", ...}
or WeChat's api_get_authorizer_list answer:
  {"list": [{"authorizer_appid": "...", "refresh_token": "..."}, ...]}
Safe while the gateway runs; it uses the imported tokens at its next refresh.`;

/** The (appid, refresh token) pairs in `text`; problems name the entry, never a token. */
export function parseRefreshTokens(text: string): { entries: Array<[string, string]>; problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { entries: [], problems: ['the input is not valid JSON'] };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { entries: [], problems: ['the input must be a JSON object'] };
  const list = (json as { list?: unknown }).list;
  const raw: Array<[unknown, unknown]> = Array.isArray(list)
    ? list.map((item: unknown) => {
        const entry = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
        return [entry['authorizer_appid'], entry['refresh_token'] ?? entry['authorizer_refresh_token']];
      })
    : Object.entries(json);
  const entries: Array<[string, string]> = [];
  const problems: string[] = [];
  raw.forEach(([appid, token], index) => {
    const name = typeof appid === 'string' ? JSON.stringify(appid.slice(0, 64)) : `entry ${index + 1}`;
    if (!isAppId(appid)) problems.push(`${name}: not an appid`);
    else if (typeof token !== 'string' || token.trim() === '') problems.push(`${name}: no refresh token`);
    else entries.push([appid, token.trim()]);
  });
  if (entries.length === 0 && problems.length === 0) problems.push('the input holds no refresh tokens');
  return { entries, problems };
}

async function main(): Promise<void> {
  const source = process.argv[2];
  if (source === undefined || source === '--help' || source === '-h') {
    process.stderr.write(`${USAGE}\n`);
    process.exit(source === undefined ? 2 : 0);
  }
  const config = loadConfigOrExit();
  const component = config.wechat.component;
  if (component === undefined) {
    process.stderr.write('WECHAT_COMPONENT_APPID (and the other WECHAT_COMPONENT_ variables) must be set: refresh tokens belong to a platform.\n');
    process.exit(1);
  }
  const text = source === '-' ? readFileSync(0, 'utf8') : readFileSync(source, 'utf8');
  const { entries, problems } = parseRefreshTokens(text);
  if (problems.length > 0) {
    process.stderr.write(`nothing imported:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
    process.exit(1);
  }
  const logger = createLogger('error', process.stderr);
  const { store } = await openStore({ ...config.store, logger });
  try {
    for (const [appid, token] of entries) await store.putRefreshToken(component.appid, appid, token);
  } finally {
    await store.close();
  }
  const where = store.kind === 'redis' ? 'Redis' : `the state file ${config.store.stateFile}`;
  process.stdout.write(`imported ${entries.length} refresh token(s) for platform ${component.appid} into ${where}: ${entries.map(([appid]) => appid).join(', ')}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`import failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
