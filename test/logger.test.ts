import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createLogger, scrubSecrets } from '../src/observability/logger';

function capture() {
  const lines: string[] = [];
  return { lines, logger: createLogger('info', { write: (line: string) => void lines.push(line) }) };
}

describe('logger: credentials are redacted wherever they appear in a line', () => {
  it('redacts credential fields at any of the first three levels', () => {
    const { lines, logger } = capture();
    logger.info({ access_token: 'TOK1', body: { secret: 'SEC1', nested: { refresh_token: 'REF1' } } }, 'x');
    expect(lines.join('')).not.toMatch(/TOK1|SEC1|REF1/);
    expect(lines.join('')).toContain('[redacted]');
  });

  it('scrubs credentials inside logged URLs and error messages', () => {
    const { lines, logger } = capture();
    logger.info({ url: 'https://api.weixin.qq.com/cgi-bin/open/get?access_token=TOK2&x=1' }, 'call');
    logger.error({ err: new Error('failed GET /cgi-bin/token?grant_type=client_credential&appid=wx1&secret=SEC2') }, 'boom');
    const text = lines.join('');
    expect(text).not.toMatch(/TOK2|SEC2/);
    expect(text).toContain('access_token=[redacted]&x=1');
  });

  it('leaves other text alone', () => {
    expect(scrubSecrets('/cgi-bin/open/unbind appid=wx1')).toBe('/cgi-bin/open/unbind appid=wx1');
  });
});

describe('logger: stdout is written in batches, and no line is held back', () => {
  /** A process logging through asyncStdout as main.ts does; the chunks its stdout pipe delivered. */
  async function logInChild(script: string, lines: number): Promise<Buffer[]> {
    const logger = join(process.env['TEST_GATEWAY_BUILD']!, 'src', 'observability', 'logger.js');
    const code = `const { asyncStdout, createLogger } = require(${JSON.stringify(logger)}); const logger = createLogger('info', asyncStdout()); ${script}; setInterval(() => {}, 60_000);`;
    const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    try {
      // The child never exits by itself: every line must come while it runs, not from the flush at exit.
      // (Waited for at most 4 s, so a line held back fails the test instead of hanging it.)
      for (let waited = 0; waited < 4_000 && Buffer.concat(chunks).toString('utf8').split('\n').length <= lines; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      child.kill('SIGKILL');
    }
    return chunks;
  }

  it('writes a line logged alone, though it is far below the batch size', async () => {
    const chunks = await logInChild(`logger.info({ n: 1 }, 'alone')`, 1);
    expect(Buffer.concat(chunks).toString('utf8')).toContain('"msg":"alone"');
  });

  it('writes lines logged a few milliseconds apart together, not one write each', async () => {
    const chunks = await logInChild(`let n = 0; const t = setInterval(() => { logger.info({ n }, 'tick'); if (++n === 100) clearInterval(t); }, 2)`, 100);
    expect(Buffer.concat(chunks).toString('utf8').match(/"msg":"tick"/g)).toHaveLength(100);
    // One write per line would arrive as ~100 chunks (a pipe may merge some, never split a small write).
    expect(chunks.length).toBeLessThan(30);
  });
});
