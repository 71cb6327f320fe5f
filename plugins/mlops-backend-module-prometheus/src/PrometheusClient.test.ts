import http from 'node:http';
import net from 'node:net';
import { PrometheusClient } from './PrometheusClient';

/** A server answering range queries after `delayMs`, counting how many it holds at once. */
async function slowPrometheus(delayMs: number) {
  const seen = {
    inFlight: 0,
    most: 0,
    answered: 0,
    encodings: new Set<string>(),
  };
  const server = http.createServer((req, res) => {
    seen.inFlight++;
    seen.most = Math.max(seen.most, seen.inFlight);
    seen.encodings.add(String(req.headers['accept-encoding']));
    req.resume();
    setTimeout(() => {
      seen.inFlight--;
      seen.answered++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          status: 'success',
          data: {
            resultType: 'matrix',
            result: [{ metric: {}, values: [[1, '0.1']] }],
          },
        }),
      );
    }, delayMs);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

describe('PrometheusClient', () => {
  it("sends at most the instance's concurrency of queries at once, and answers them all", async () => {
    const prometheus = await slowPrometheus(50);
    try {
      const client = new PrometheusClient({
        name: 'main',
        baseUrl: prometheus.url,
        timeoutMs: 5000,
        retries: 0,
        concurrency: 2,
      });
      const window = { start: 0, end: 3600, step: 60 };
      const answers = await Promise.all(
        Array.from({ length: 7 }, (_, i) => client.queryRange(`q${i}`, window)),
      );
      expect(
        answers.map(([series]) => [
          Array.from(series.at),
          Array.from(series.values),
        ]),
      ).toEqual(Array(7).fill([[1000], [0.1]]));
      expect(prometheus.seen).toMatchObject({ most: 2, answered: 7 });
      expect([...prometheus.seen.encodings]).toEqual(['identity']);
    } finally {
      await prometheus.close();
    }
  });
});
