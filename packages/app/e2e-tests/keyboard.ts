import { Locator, Page } from '@playwright/test';

/** Presses Tab until the element has the focus, as a keyboard user gets there. */
export async function tabTo(page: Page, target: Locator, most = 200) {
  for (let presses = 0; presses < most; presses++) {
    if (await target.evaluate(element => element === document.activeElement)) {
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab did not reach ${target} in ${most} presses`);
}
