import { REDACTED, redactCredentials } from '../../src/wechat/calls/redact-credentials';

const TOKEN = 'Tk_9f8e7d6c5b4a3210-Zz.token.value';

describe('redactCredentials: what rid/get hands back loses every credential', () => {
  it.each([
    ['an access token in a full URL', `https://api.weixin.qq.com/cgi-bin/open/unbind?access_token=${TOKEN}`, 'https://api.weixin.qq.com/cgi-bin/open/unbind?access_token=REDACTED'],
    ['a component token among other parameters', `/cgi-bin/component/api_query_auth?foo=1&component_access_token=${TOKEN}&bar=2`, '/cgi-bin/component/api_query_auth?foo=1&component_access_token=REDACTED&bar=2'],
    ['the plain token call', `/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=${TOKEN}`, '/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=REDACTED'],
    ['a stable_token body', `{"grant_type":"client_credential","appid":"wx1","secret":"${TOKEN}","force_refresh":false}`, '{"grant_type":"client_credential","appid":"wx1","secret":"REDACTED","force_refresh":false}'],
    ['a token answer', `{"access_token":"${TOKEN}","expires_in":7200}`, '{"access_token":"REDACTED","expires_in":7200}'],
    ['nested authorizer tokens, spaced JSON', `{"authorization_info": {"authorizer_access_token" : "${TOKEN}", "authorizer_refresh_token": "refreshtoken@@@${TOKEN}"}}`, '{"authorization_info": {"authorizer_access_token" : "REDACTED", "authorizer_refresh_token": "REDACTED"}}'],
    ['a platform token body', `{"component_appid":"wx2","component_appsecret":"${TOKEN}","component_verify_ticket":"ticket@@@${TOKEN}"}`, '{"component_appid":"wx2","component_appsecret":"REDACTED","component_verify_ticket":"REDACTED"}'],
    ['an escaped quote inside a secret', `{"secret":"a\\"${TOKEN}"}`, '{"secret":"REDACTED"}'],
    ['an authorisation code', `{"component_appid":"wx2","authorization_code":"queryauthcode@@@${TOKEN}"}`, '{"component_appid":"wx2","authorization_code":"REDACTED"}'],
    ['XML with CDATA', `<xml><ComponentVerifyTicket><![CDATA[${TOKEN}]]></ComponentVerifyTicket></xml>`, '<xml><ComponentVerifyTicket>REDACTED</ComponentVerifyTicket></xml>'],
  ])('%s', (_, text, expected) => {
    const redacted = redactCredentials(text);
    expect(redacted).toBe(expected);
    expect(redacted).not.toContain(TOKEN);
    expect(redacted).toContain(REDACTED);
  });

  it('keeps what is not a credential: errcode, errmsg, appids, paths', () => {
    const answer = '{"errcode":40013,"errmsg":"invalid appid rid: 674d0a1b-2b0c1d3e-4f5a6b7c","appid":"wx1","open_appid":"wxo1","cgi_path":"/cgi-bin/open/unbind"}';
    expect(redactCredentials(answer)).toBe(answer);
    expect(redactCredentials('/cgi-bin/open/have?x=1')).toBe('/cgi-bin/open/have?x=1');
  });
});
