/**
 * Accessibility checks for the browser journeys: axe-core (WCAG 2.1 A and AA rules)
 * on the page as it stands, and keyboard-only moves that report where focus is.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** axe-core on the whole page: zero violations, or a readable list of what and where. */
export async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const found = violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(found, `axe on ${state}`).toEqual([]);
}

/** Whether the element that has focus is (or is inside) the locator's element. */
export async function hasFocus(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el === document.activeElement || el.contains(document.activeElement));
}

/** A short description of the focused element, for failure messages. */
export async function focusedElement(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return 'nothing';
    const name = el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40) ?? '';
    return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}> ${name}`;
  });
}

/** Tab (forwards) until the locator's element has focus, as a keyboard user would; fails after `max` presses. */
export async function tabTo(page: Page, target: Locator, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await hasFocus(target)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tabbed ${max} times without reaching the target; focus is on ${await focusedElement(page)}`);
}

/** Focus must land on the locator's element (after a navigation or an answer). */
export async function expectFocusOn(page: Page, target: Locator, step: string): Promise<void> {
  await expect.poll(async () => ((await hasFocus(target)) ? 'focused' : await focusedElement(page)), { message: `focus after ${step}`, timeout: 10_000 }).toBe('focused');
}
