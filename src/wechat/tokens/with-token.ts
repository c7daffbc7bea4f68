import { TOKEN_ERRCODES } from '../vocabulary/errcodes';
import type { WeChatResult } from '../vocabulary/result';
import type { TokenProvider } from './token-provider';

/**
 * Runs one WeChat call with the appid's access token. When WeChat refuses the token
 * (40001/40014/42001), the token is invalidated if it is still the cached one (compare-and-delete,
 * shared by every replica), a fresh one is fetched (never the refused one again), and the call is
 * made once more. Once: a second refusal is an answer, not a reason to
 * loop (retrying without bound is a known bug of other SDKs).
 */
export async function withToken<T>(
  tokens: TokenProvider,
  appid: string,
  call: (accessToken: string) => Promise<WeChatResult<T>>,
): Promise<WeChatResult<T>> {
  const first = await tokens.token(appid);
  if (!first.ok) return first;
  const result = await call(first.data);
  if (result.ok || result.failure.kind !== 'errcode' || !TOKEN_ERRCODES.has(result.failure.errcode)) return result;
  await tokens.invalidate(appid, first.data);
  const second = await tokens.token(appid, first.data);
  if (!second.ok) return second;
  return call(second.data);
}
