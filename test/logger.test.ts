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
