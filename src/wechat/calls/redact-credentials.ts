/**
 * Removes credentials from text WeChat hands back about a call: its URL (which holds the access
 * token in `?access_token=`), its request body (a token call carries the appsecret, a platform
 * call the verify ticket or a refresh token) and its response body (a token call answers a token).
 *
 * By name, not by value: the gateway does not know every token an account ever had. A name is a
 * credential when it ends in token, secret, ticket, code, key, password or signature, in WeChat's
 * snake_case (`access_token`, `component_appsecret`, `component_verify_ticket`,
 * `authorization_code`, `session_key`) or CamelCase (`ComponentVerifyTicket`); `errcode` is not
 * one (no separator before "code"). Its value is replaced wherever it appears as a query
 * parameter (`name=value`), a JSON member (`"name": "value"`) or an XML element.
 */
const NAME = String.raw`(?:[A-Za-z0-9]+_)*(?:token|secret|appsecret|ticket|code|key|aeskey|encodingaeskey|password|signature|sign)|[A-Za-z0-9]*(?:Token|Secret|Ticket|Code|Key|AESKey|Password|Signature)`;

const QUERY = new RegExp(String.raw`(^|[?&;\s"'])(${NAME})=([^&#\s"']*)`, 'g');
const JSON_MEMBER = new RegExp(String.raw`("(${NAME})"\s*:\s*)("(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*)`, 'g');
const XML_ELEMENT = new RegExp(String.raw`<(${NAME})>(?:<!\[CDATA\[[\s\S]*?\]\]>|[^<]*)</\1>`, 'g');

export const REDACTED = 'REDACTED';

export function redactCredentials(text: string): string {
  return text
    .replace(QUERY, (_, before: string, name: string) => `${before}${name}=${REDACTED}`)
    .replace(JSON_MEMBER, (_, key: string) => `${key}"${REDACTED}"`)
    .replace(XML_ELEMENT, (_, name: string) => `<${name}>${REDACTED}</${name}>`);
}
