import { generateApiKey, hashApiKey } from '../src/auth/api-keys';
import { SCOPES } from '../src/auth/caller';
import { isAppId } from '../src/wechat/vocabulary/appid';

const USAGE = `usage: npm run -s api-key -- --name <service> [--appids '*' | wx1,wx2] [--scopes openaccount:read,openaccount:write,federation] [--stdin]

Prints a new API key (give it to the service; it is shown once and stored nowhere) and the entry
to add to the AUTH_API_KEYS_FILE, which holds its SHA-256 only. With --stdin, hashes the key read
from standard input instead of generating one.`;

/** Makes an API key and its entry for the API keys file (see README, Security). */
async function main(): Promise<void> {
  const args = new Map<string, string>();
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i]!;
    if (flag === '--stdin') args.set('stdin', 'true');
    else if (flag.startsWith('--') && argv[i + 1] !== undefined) args.set(flag.slice(2), argv[(i += 1)]!);
    else throw new Error(USAGE);
  }
  const name = args.get('name');
  if (name === undefined || !/^[A-Za-z0-9_.:-]{1,64}$/.test(name)) throw new Error(USAGE);
  const appidsArg = args.get('appids') ?? '';
  const appids = appidsArg === '*' ? '*' : appidsArg.split(',').filter(Boolean);
  if (appids !== '*' && !appids.every(isAppId)) throw new Error(`--appids: each must be an appid, or '*' alone\n\n${USAGE}`);
  const scopes = (args.get('scopes') ?? 'openaccount:read').split(',').filter(Boolean);
  if (!scopes.every((s) => (SCOPES as readonly string[]).includes(s))) throw new Error(`--scopes: each must be one of ${SCOPES.join(', ')}\n\n${USAGE}`);

  let key: string;
  if (args.has('stdin')) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    key = Buffer.concat(chunks).toString('utf8').trim();
    if (key.length < 32) throw new Error('the key read from stdin is shorter than 32 characters');
  } else {
    key = generateApiKey();
    process.stdout.write(`API key for ${name} (shown once; give it to the service, store it in its secret store):\n\n  ${key}\n\n`);
  }
  process.stdout.write(`Add this entry to the JSON array in AUTH_API_KEYS_FILE:\n\n  ${JSON.stringify({ name, sha256: hashApiKey(key), appids, scopes })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
