import type { PrometheusInstanceConfig } from './config';
import http from 'node:http';
import https from 'node:https';
import { parseMatrix, seriesOfJson, type RangeSeries } from './matrix';
import type { QueryWindow } from './range';

export type { RangeSeries } from './matrix';

/** Prometheus answered, and refused the query: its error, verbatim. */
export class PrometheusQueryError extends Error {
  constructor(
    readonly instance: string,
    readonly errorType: string,
    readonly prometheusError: string,
  ) {
    super(
      `Prometheus instance "${instance}" refused the query: ${errorType}: ${prometheusError}`,
    );
    this.name = 'PrometheusQueryError';
  }
}

/** Prometheus did not answer in time, or failed on its side, every attempt. */
export class PrometheusUnavailableError extends Error {
  constructor(instance: string, attempts: number, cause: string) {
    super(
      `Prometheus instance "${instance}" did not answer after ${attempts} attempts: ${cause}`,
    );
    this.name = 'PrometheusUnavailableError';
  }
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Runs range queries against one Prometheus server: the query sent as a
 * form-encoded POST body (PromQL may hold any character), each attempt with
 * the instance's timeout, retried with exponential backoff when the server
 * does not answer or fails on its side; a refused query is not retried. At
 * most the instance's `concurrency` queries are in flight at once; the
 * others wait their turn.
 */
export class PrometheusClient {
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];

  private readonly url: URL;
  private readonly agent: http.Agent;

  constructor(
    private readonly instance: PrometheusInstanceConfig,
    private readonly backoffMs = 500,
  ) {
    this.url = new URL(`${instance.baseUrl}/api/v1/query_range`);
    // Connections kept open between queries, as many as may be in flight.
    this.agent = new (this.url.protocol === 'https:' ? https : http).Agent({
      keepAlive: true,
      maxSockets: instance.concurrency,
    });
  }

  /**
   * One POST of a form-encoded body, its answer read whole: Node's HTTP
   * client, which costs less per request than `fetch` (no web streams)
   * when a pull sends thousands. Fails with a `TimeoutError` when no whole
   * answer came within the instance's timeout.
   */
  private post(
    body: string,
  ): Promise<{ status: number; ok: boolean; text: string }> {
    const { timeoutMs, authorization } = this.instance;
    return new Promise((resolve, reject) => {
      const signal = AbortSignal.timeout(timeoutMs);
      const fail = (error: Error) => {
        if (!signal.aborted) {
          reject(error);
          return;
        }
        const timeout = new Error(`no answer within ${timeoutMs} ms`);
        timeout.name = 'TimeoutError';
        reject(timeout);
      };
      const send =
        this.url.protocol === 'https:' ? https.request : http.request;
      const request = send(
        this.url,
        {
          method: 'POST',
          agent: this.agent,
          signal,
          headers: {
            'Content-Type': 'application/x-www-form-urlencoded',
            'Content-Length': Buffer.byteLength(body),
            Accept: 'application/json',
            // Uncompressed: Prometheus gzipping a month of samples and Node
            // inflating it cost both more CPU than the bytes they save
            // between a backend and its organisation's Prometheus.
            'Accept-Encoding': 'identity',
            ...(authorization ? { Authorization: authorization } : {}),
          },
        },
        response => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', fail);
          response.on('close', () => {
            if (!response.complete) {
              fail(new Error('the connection closed before the whole answer'));
            }
          });
          response.on('end', () => {
            const status = response.statusCode ?? 0;
            resolve({
              status,
              ok: status >= 200 && status < 300,
              text: Buffer.concat(chunks).toString('utf8'),
            });
          });
        },
      );
      request.on('error', fail);
      request.end(body);
    });
  }

  async queryRange(query: string, window: QueryWindow): Promise<RangeSeries[]> {
    while (this.inFlight >= this.instance.concurrency) {
      await new Promise<void>(resolve => this.waiting.push(resolve));
    }
    this.inFlight++;
    try {
      return await this.sendWithRetries(query, window);
    } finally {
      this.inFlight--;
      this.waiting.shift()?.();
    }
  }

  private async sendWithRetries(
    query: string,
    window: QueryWindow,
  ): Promise<RangeSeries[]> {
    const body = new URLSearchParams({
      query,
      start: String(window.start),
      end: String(window.end),
      step: String(window.step),
      timeout: `${Math.ceil(this.instance.timeoutMs / 1000)}s`,
    });
    const attempts = this.instance.retries + 1;
    let lastProblem = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) await sleep(this.backoffMs * 2 ** (attempt - 2));
      let response: { status: number; ok: boolean; text: string };
      try {
        response = await this.post(body.toString());
      } catch (error) {
        const e = error as Error & { cause?: Error };
        lastProblem =
          e.name === 'TimeoutError'
            ? `no answer within ${this.instance.timeoutMs} ms`
            : `${e.message}${e.cause ? ` (${e.cause.message})` : ''}`;
        continue;
      }
      const { text } = response;
      if (response.ok) {
        const series = parseMatrix(text);
        if (series) return series;
      }
      let payload: any;
      try {
        payload = JSON.parse(text);
      } catch {
        payload = undefined;
      }
      if (payload?.status === 'success') {
        if (payload.data?.resultType !== 'matrix') {
          throw new PrometheusQueryError(
            this.instance.name,
            'unexpected_result',
            `expected a range vector (matrix), got ${payload.data?.resultType}`,
          );
        }
        return (payload.data.result ?? []).map(seriesOfJson);
      }
      if (response.status >= 500 || response.status === 429 || !payload) {
        lastProblem = `HTTP ${response.status}${
          payload?.error ? `: ${payload.error}` : ''
        }`;
        continue;
      }
      throw new PrometheusQueryError(
        this.instance.name,
        payload.errorType ?? `HTTP ${response.status}`,
        payload.error ?? text,
      );
    }
    throw new PrometheusUnavailableError(
      this.instance.name,
      attempts,
      lastProblem,
    );
  }
}
