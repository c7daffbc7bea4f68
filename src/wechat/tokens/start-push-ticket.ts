import { success, type WeChatResult } from '../vocabulary/result';
import { signalDeadline } from '../transport/deadline';
import type { WeChatTransport } from '../transport/wechat-transport';

/**
 * `POST /cgi-bin/component/api_start_push_ticket` `{component_appid, component_secret}` →
 * `{errcode: 0, errmsg: "ok"}`: asks WeChat to (re)start pushing the platform's
 * `component_verify_ticket` to its authorization event URL. The ticket itself arrives by push,
 * never in this answer. No token: the platform's secret is the credential.
 * (WeChat `openApi/ticket-token/api_startpushticket`; WxJava `API_START_PUSH_TICKET`.)
 */
export async function startPushTicket(
  transport: WeChatTransport,
  component: { readonly appid: string; readonly secret: string },
  signal?: AbortSignal,
): Promise<WeChatResult<void>> {
  const answer = await transport.send({
    method: 'POST',
    path: '/cgi-bin/component/api_start_push_ticket',
    body: { component_appid: component.appid, component_secret: component.secret },
    deadline: signal === undefined ? undefined : signalDeadline(signal),
  });
  return answer.ok ? success(undefined) : answer;
}
