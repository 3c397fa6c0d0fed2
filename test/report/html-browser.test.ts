import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHtml } from '../../src/report/html.js';
import { exampleResult } from './support/example-results.js';

/** Debian's chromium package; `.ci/run` installs it when missing. */
const CHROMIUM = '/usr/bin/chromium';
/** Git-ignored, so screenshots can be looked at after a run without being committed. */
const SCREENSHOT_DIR = fileURLToPath(new URL('../../.cache/screenshots/', import.meta.url));

interface LoadedPage {
  page: Page;
  consoleErrors: string[];
  outsideRequests: string[];
}

describe('HTML report in Chromium', () => {
  let browser: Browser;
  let folder: string;

  beforeAll(async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing; install it with apt-get install -y chromium`).toBe(true);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    folder = mkdtempSync(join(tmpdir(), 'statelint-html-'));
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  async function load(locale: 'en' | 'es'): Promise<LoadedPage> {
    const file = join(folder, `report.${locale}.html`);
    writeFileSync(file, formatHtml(exampleResult(), { locale, sourceUrlBase: 'https://github.com/acme/order-service/blob/4f2c9e1/' }));
    const fileUrl = pathToFileURL(file).href;
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const loaded: LoadedPage = { page, consoleErrors: [], outsideRequests: [] };
    page.on('console', (message) => {
      if (message.type() === 'error') loaded.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => loaded.consoleErrors.push(error.message));
    page.on('request', (request) => {
      if (request.url() !== fileUrl) loaded.outsideRequests.push(request.url());
    });
    await page.goto(fileUrl, { waitUntil: 'load' });
    return loaded;
  }

  it.each(['en', 'es'] as const)('loads without errors or requests: %s', async (locale) => {
    const { page, consoleErrors, outsideRequests } = await load(locale);
    expect(consoleErrors).toEqual([]);
    expect(outsideRequests).toEqual([]);
    await page.locator('#summary').screenshot({ path: join(SCREENSHOT_DIR, `gauge.${locale}.png`) });
    await page.locator('#trend').screenshot({ path: join(SCREENSHOT_DIR, `trend.${locale}.png`) });
    await page.close();
  });

  it('filters findings by criterion and severity', async () => {
    const { page } = await load('en');
    const visibleRows = () => page.locator('#findings tbody tr:visible');
    await expect.poll(() => visibleRows().count()).toBe(4);

    await page.selectOption('#filter-criterion', 'files');
    expect(await visibleRows().count()).toBe(2);
    expect(await page.textContent('#filter-count')).toBe('2 of 4 shown');

    await page.selectOption('#filter-severity', 'info');
    expect(await visibleRows().count()).toBe(1);
    expect(await visibleRows().first().getAttribute('data-severity')).toBe('info');

    await page.selectOption('#filter-criterion', '');
    await page.selectOption('#filter-severity', '');
    expect(await visibleRows().count()).toBe(4);
    await page.close();
  });

  it('does not follow links on load', async () => {
    const { page, outsideRequests } = await load('en');
    expect(await page.locator('a[href^="https://"]').count()).toBeGreaterThan(0);
    expect(outsideRequests).toEqual([]);
    await page.close();
  });
});
