// The visitor's side in a browser: the demo page with the widget, and locators that reach into its shadow root.
import type { Browser, Page } from 'playwright-core';
import { openAdminPage, type AdminPage } from './browser';

// Playwright's role and CSS locators reach into open shadow roots, as assistive technology does.
export const launcher = (page: Page, name = 'Open chat') => page.getByRole('button', { name });
export const panel = (page: Page) => page.getByRole('dialog');
export const messageBox = (page: Page) => page.getByRole('textbox', { name: 'Message' });
export const bubbles = (page: Page) => page.locator('livechat-widget .log .msg');
export const bubble = (page: Page, text: string) => bubbles(page).filter({ hasText: text });

/** The visitor types a message into the widget and sends it with Enter. */
export async function ask(page: Page, text: string) {
  await messageBox(page).fill(text);
  await messageBox(page).press('Enter');
}

export interface VisitorPageOptions {
  viewport?: { width: number; height: number };
  /** Defaults to the demo page, `/index.html`. */
  path?: string;
  /** The page opens the panel itself (a resume link): wait for the panel instead of the launcher. */
  opensPanel?: boolean;
  /** The launcher's accessible name when the widget's strings are translated. */
  launcherName?: string;
  /** A session already in the page's storage before it loads: a returning visitor. */
  session?: { token: string; contactId: number };
  /** The visitor's time zone (IANA); the test process's by default. */
  timezoneId?: string;
}

/**
 * The browser contexts one test file opens: `visitor()` opens the demo page in a fresh context (its own
 * localStorage) with the launcher ready; `closeAll()` closes them and fails on any console error they saw.
 */
export function widgetPages(browser: () => Browser, baseUrl: () => string) {
  const open: AdminPage[] = [];
  return {
    /** Tracks another page (an agent's admin session) so its console errors count too. */
    track(page: AdminPage) {
      open.push(page);
      return page;
    },

    async visitor(options: VisitorPageOptions = {}) {
      const visitor = this.track(await openAdminPage(browser(), baseUrl(), { timezoneId: options.timezoneId }));
      if (options.viewport) await visitor.page.setViewportSize(options.viewport);
      await visitor.page.emulateMedia({ reducedMotion: 'reduce' });
      if (options.session) {
        const stored = JSON.stringify({ token: options.session.token, contact: { id: options.session.contactId } });
        await visitor.context.addInitScript((value) => localStorage.setItem('livechat', value), stored);
      }
      await visitor.page.goto(options.path ?? '/index.html');
      await (options.opensPanel ? panel(visitor.page) : launcher(visitor.page, options.launcherName)).waitFor();
      return visitor;
    },

    async closeAll() {
      const errors = open.flatMap((page) => page.errors);
      await Promise.all(open.splice(0).map((page) => page.context.close()));
      expect(errors).toEqual([]);
    },
  };
}
