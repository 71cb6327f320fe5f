// Waits until the frontend's dev server answers and the demo catalog's ML
// entities are in the catalog, so that tests start on a ready portal.
const FRONTEND = process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000';
const BACKEND = 'http://localhost:7007';

async function until(what: string, ready: () => Promise<boolean>) {
  const deadline = Date.now() + 10 * 60_000;
  while (Date.now() < deadline) {
    if (await ready().catch(() => false)) return;
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

export default async function waitForPortal() {
  await until(FRONTEND, async () => (await fetch(FRONTEND)).ok);
  await until('the demo catalog', async () => {
    // The catalog API wants a user token: sign in as the demo's guest.
    const session = await fetch(`${BACKEND}/api/auth/guest/refresh`);
    const { backstageIdentity } = await session.json();
    const response = await fetch(
      `${BACKEND}/api/catalog/entities/by-name/mlmonitor/default/churn-gbm-input-drift`,
      { headers: { authorization: `Bearer ${backstageIdentity.token}` } },
    );
    return response.ok;
  });
}
