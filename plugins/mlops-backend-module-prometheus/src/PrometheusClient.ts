import type { PrometheusInstanceConfig } from './config';
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

  constructor(
    private readonly instance: PrometheusInstanceConfig,
    private readonly backoffMs = 500,
  ) {}

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
      let response: Response;
      let text: string;
      try {
        response = await fetch(`${this.instance.baseUrl}/api/v1/query_range`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/x-www-form-urlencoded',
            Accept: 'application/json',
            // Uncompressed: Prometheus gzipping a month of samples and Node
            // inflating it cost both more CPU than the bytes they save
            // between a backend and its organisation's Prometheus.
            'Accept-Encoding': 'identity',
            ...(this.instance.authorization
              ? { Authorization: this.instance.authorization }
              : {}),
          },
          body,
          signal: AbortSignal.timeout(this.instance.timeoutMs),
        });
        text = await response.text();
      } catch (error) {
        const e = error as Error & { cause?: Error };
        lastProblem =
          e.name === 'TimeoutError'
            ? `no answer within ${this.instance.timeoutMs} ms`
            : `${e.message}${e.cause ? ` (${e.cause.message})` : ''}`;
        continue;
      }
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
