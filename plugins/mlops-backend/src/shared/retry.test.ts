import { ResponseError } from '@backstage/errors';
import { isTransient, withRetries } from './retry';

async function responseError(status: number) {
  return ResponseError.fromResponse(
    new Response(JSON.stringify({ error: { name: 'Error', message: 'no' } }), {
      status,
      headers: { 'content-type': 'application/json' },
    }) as any,
  );
}

describe('withRetries', () => {
  it('tries again after a transient error and returns what succeeds', async () => {
    const reset = Object.assign(new Error('read ECONNRESET'), {
      code: 'ECONNRESET',
    });
    const call = jest
      .fn()
      .mockRejectedValueOnce(reset)
      .mockRejectedValueOnce(await responseError(503))
      .mockResolvedValueOnce('page');
    await expect(withRetries(call, { backoffMs: 1 })).resolves.toBe('page');
    expect(call).toHaveBeenCalledTimes(3);
  });

  it('gives up after its attempts with the last error', async () => {
    const call = jest.fn().mockRejectedValue(new Error('socket hang up'));
    await expect(
      withRetries(call, { attempts: 2, backoffMs: 1 }),
    ).rejects.toThrow('socket hang up');
    expect(call).toHaveBeenCalledTimes(2);
  });

  it('does not try again a request the other side refused', async () => {
    const refused = await responseError(400);
    const call = jest.fn().mockRejectedValue(refused);
    await expect(withRetries(call, { backoffMs: 1 })).rejects.toBe(refused);
    expect(call).toHaveBeenCalledTimes(1);
    expect(isTransient(await responseError(429))).toBe(true);
    expect(isTransient(await responseError(404))).toBe(false);
  });
});
