import { defineConfig } from '@playwright/test';

// End-to-end tests of the demo portal in Debian's Chromium (no browser
// download: CHROMIUM_PATH, default /usr/bin/chromium). The portal is started
// by Playwright unless one is already running on :7007.
//
// The tests run against the frontend built for production, which the
// backend's app plugin serves on :7007: its pages load three to five times
// faster in Chromium than the dev server's on :3000 (unminified bundles,
// React's development build), which made tests time out under load. To test
// the dev server of a portal of your own (`./run start`), set
// PLAYWRIGHT_URL=http://localhost:3000. The global set-up reads it too.
process.env.PLAYWRIGHT_URL ??= 'http://localhost:7007';

export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 60_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],
  webServer: {
    // The frontend is built first: the app plugin serves the build it finds
    // as the backend starts. scripts/start-demo.sh (which also runs the
    // demo's pipelines) then starts the backend alone: no dev server on
    // :3000 compiling beside the tests. The frontend is awaited in
    // globalSetup.
    command: 'yarn workspace app build && scripts/start-demo.sh --backend-only',
    url: 'http://localhost:7007/.backstage/health/v1/readiness',
    reuseExistingServer: true,
    timeout: 600_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
  globalSetup: './packages/app/e2e-tests/waitForPortal.ts',
  use: {
    baseURL: process.env.PLAYWRIGHT_URL,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    },
  },
  outputDir: 'node_modules/.cache/e2e-test-results',
});
