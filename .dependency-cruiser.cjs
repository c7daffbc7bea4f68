/**
 * The layer rule, checked by `npm run lint:layers` (in .ci/run). From the top down:
 *
 *   main.ts, app.ts, config/    the process entry, the composition root, the configuration
 *   http/                       the HTTP front, the Apollo assembly, the routes
 *   graphql/                    schema, resolvers, the context factory, authorization
 *   auth/  observability/       who is calling; metrics and logs (siblings: neither imports the other)
 *   wechat/                     WeChat, through wechat/index.ts only
 *   stores/                     memory | file | Redis
 *
 * A folder never imports a folder above it, and the simulator (an independent model of WeChat)
 * imports nothing of the gateway. Inside wechat/: calls/ → tokens/ → transport/ → vocabulary/,
 * and component/ (the push receiver) sits beside calls/.
 */
const above = {
  stores: '^src/(wechat|auth|observability|graphql|http|simulator)/|^src/(app|main)\\.ts$|^src/config/',
  wechat: '^src/(auth|observability|graphql|http|simulator)/|^src/(app|main)\\.ts$|^src/config/',
  auth: '^src/(observability|graphql|http|simulator)/|^src/(app|main)\\.ts$|^src/config/',
  observability: '^src/(auth|graphql|http|simulator)/|^src/(app|main)\\.ts$|^src/config/',
  graphql: '^src/(http|observability|simulator)/|^src/(app|main)\\.ts$|^src/config/',
  http: '^src/simulator/|^src/(app|main)\\.ts$|^src/config/',
  'wechat/vocabulary': '^src/wechat/(calls|tokens|transport|component)/|^src/wechat/index\\.ts$',
  'wechat/transport': '^src/wechat/(calls|tokens|component)/|^src/wechat/index\\.ts$',
  'wechat/tokens': '^src/wechat/(calls|component)/|^src/wechat/index\\.ts$',
  'wechat/component': '^src/wechat/calls/|^src/wechat/index\\.ts$',
  'wechat/calls': '^src/wechat/component/|^src/wechat/index\\.ts$',
};

module.exports = {
  forbidden: [
    ...Object.entries(above).map(([layer, upward]) => ({
      name: `no-upward-from-${layer.replace('/', '-')}`,
      comment: `src/${layer}/ may not import a layer above it (see .dependency-cruiser.cjs)`,
      severity: 'error',
      from: { path: `^src/${layer}/` },
      to: { path: upward },
    })),
    {
      name: 'wechat-through-its-index',
      comment: 'Outside src/wechat/, the WeChat layer is reached through src/wechat/index.ts only',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/wechat/' },
      to: { path: '^src/wechat/.+', pathNot: '^src/wechat/index\\.ts$' },
    },
    {
      name: 'simulator-is-independent',
      comment: 'The simulator models WeChat; it imports nothing of the gateway',
      severity: 'error',
      from: { path: '^src/simulator/' },
      to: { path: '^src/', pathNot: '^src/simulator/' },
    },
    {
      name: 'simulator-only-from-the-composition-root',
      comment: 'Only app.ts starts the embedded simulator',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(app\\.ts|simulator/)' },
      to: { path: '^src/simulator/' },
    },
    {
      name: 'no-cycles',
      comment: 'No import cycles between modules',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    parser: 'swc',
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
