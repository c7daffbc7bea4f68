import 'reflect-metadata';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type ExecutionResult } from 'graphql';
import { request } from 'undici';
import { startApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/observability/logger';
import type { Simulator } from '../../src/simulator';

export interface TestGateway {
  readonly url: string;
  /** /metrics: on its own port in production, else on the GraphQL port. */
  readonly metricsUrl: string;
  /** Every log line the gateway wrote, as JSON text. */
  readonly logs: string[];
  /** Runs a typed operation over HTTP, as a client would. */
  execute<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables): Promise<ExecutionResult<TData>>;
  /** Like execute, for operations that must not produce GraphQL errors: returns the data. */
  executeOk<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables): Promise<TData>;
  /** Sends a raw HTTP request to the GraphQL endpoint (or another path), for HTTP-level cases. */
  send(options: { method?: 'GET' | 'POST' | 'OPTIONS'; path?: string; body?: string; headers?: Record<string, string> }): Promise<{ status: number; text: string; headers: Record<string, unknown> }>;
  stop(): Promise<void>;
}

/**
 * Starts the real gateway in this process on a free port, pointed at `simulator`, with its logs
 * captured so tests can search them.
 */
export async function startTestGateway(options: { simulator?: Simulator; env?: Record<string, string> }): Promise<TestGateway> {
  const logs: string[] = [];
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    ...(options.simulator ? { WECHAT_API_BASE: options.simulator.url } : {}),
    // Production serves /metrics on its own port: a free one, never the fixed default.
    ...(options.env?.['NODE_ENV'] === 'production' ? { METRICS_PORT: '0' } : {}),
    ...options.env,
  });
  const app: App = await startApp(config, createLogger(config.logLevel, { write: (line: string) => void logs.push(line) }));
  const origin = new URL(app.url).origin;

  const send: TestGateway['send'] = async ({ method = 'POST', path = '/graphql', body, headers = {} }) => {
    const response = await request(`${origin}${path}`, { method, body, headers });
    return { status: response.statusCode, text: await response.body.text(), headers: response.headers };
  };

  const execute: TestGateway['execute'] = async (document, variables) => {
    const response = await send({
      body: JSON.stringify({ query: print(document), variables }),
      headers: { 'content-type': 'application/json' },
    });
    return JSON.parse(response.text) as ExecutionResult<never>;
  };

  return {
    url: app.url,
    metricsUrl: app.metricsUrl,
    logs,
    send,
    execute,
    async executeOk(document, variables) {
      const result = await execute(document, variables);
      if (result.errors !== undefined || result.data == null) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data;
    },
    stop: () => app.stop(),
  };
}
