import { defineConfig } from '@playwright/test';

// End-to-end tests of the demo portal in Debian's Chromium (no browser
// download: CHROMIUM_PATH, default /usr/bin/chromium). The portal is started
// by Playwright unless one is already running on :3000 and :7007.
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
    command: 'scripts/start-demo.sh',
    // `yarn start` (through scripts/start-demo.sh, which also runs the demo's
    // CI pipeline) serves both; the frontend's dev server is awaited in globalSetup.
    url: 'http://localhost:7007/.backstage/health/v1/readiness',
    reuseExistingServer: true,
    timeout: 600_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
  globalSetup: './packages/app/e2e-tests/waitForPortal.ts',
  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
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
