/**
 * The scenarios page of the control surface: one button per scenario, plus reset, expire tokens,
 * clear faults and the counters. Plain HTML and a few lines of script calling the JSON endpoints
 * of control.ts on the same origin; every text is escaped.
 */
import type { Scenario } from './scenarios';

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderControlPage(scenarios: readonly Scenario[]): string {
  const rows = scenarios
    .map(
      (s) =>
        `<tr><td><button type="button" data-post="scenarios/${escape(s.name)}">${escape(s.name)}</button></td><td>${escape(s.title)}</td><td><code>${escape(s.produces)}</code></td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>WeChat simulator: scenarios</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:2rem}td,th{padding:.3rem .6rem;text-align:left;vertical-align:top}pre{background:#f4f4f4;padding:.5rem;white-space:pre-wrap}</style>
</head><body>
<h1>WeChat simulator: scenarios on demand</h1>
<p>Each button changes what the simulated WeChat does for the next calls; then send the operation (Apollo Sandbox, the example console),
e.g. <code>unbindOpenAccount(appid: "wx803265437fca42de", openAppid: "wxo7fc40f481e99f4d")</code>; <em>Reset to the demo data</em> binds it again.
Development only: this page does not exist in production.</p>
<table><thead><tr><th>scenario</th><th>what WeChat does</th><th>what the next <code>unbindOpenAccount</code> answers</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<p>
<button type="button" data-post="reset">Reset to the demo data</button>
<button type="button" data-post="tokens/expire">Expire every token</button>
<button type="button" data-delete="faults">Clear faults</button>
<button type="button" id="counters">Read counters</button>
</p>
<pre id="result" role="status">Nothing done yet.</pre>
<script>
const result = document.getElementById('result');
async function call(method, route) {
  const response = await fetch(route, method === 'GET' ? {} : { method, headers: { 'content-type': 'application/json' }, body: '{}' });
  result.textContent = JSON.stringify(await response.json(), null, 2);
}
for (const b of document.querySelectorAll('[data-post]')) b.addEventListener('click', () => call('POST', b.dataset.post));
for (const b of document.querySelectorAll('[data-delete]')) b.addEventListener('click', () => call('DELETE', b.dataset.delete));
document.getElementById('counters').addEventListener('click', () => call('GET', 'counters'));
</script>
</body></html>
`;
}
