import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';

/**
 * The printed slip in browser mode: with no printer set, slips.print records the print and answers the PDF for
 * the dialog, which the UI turns into a blob: URL and opens in a new window (or, where a new window is refused, in an iframe preview). The page's CSP (connect-src
 * 'self') forbids fetching a blob: URL, so the page records every Blob it makes a URL for (an init
 * script, see recordBlobUrls) and the test reads the bytes of the very URL the UI opened.
 */
const REGISTRY = '__halldeskE2eBlobs';

/** Init script: remember the Blob behind every blob: URL the page creates. Runs in the page. */
export function recordBlobUrls(registry: string): void {
  const blobs = new Map<string, Blob>();
  const create = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (object: Blob | MediaSource): string => {
    const url = create(object);
    if (object instanceof Blob) blobs.set(url, object);
    return url;
  };
  Object.defineProperty(window, registry, { value: blobs });
}

export async function installBlobRecorder(page: Page): Promise<void> {
  await page.addInitScript(recordBlobUrls, REGISTRY);
}

export interface OpenedSlip {
  /** 'window': a new window showed the PDF; 'preview': the in-page iframe did. */
  readonly via: 'window' | 'preview';
  readonly url: string;
  readonly type: string;
  readonly pdf: Buffer;
  /** The PDF as slips.print answered it (base64 decoded), to compare with what was shown. */
  readonly fromApi: Buffer;
}

export class SlipWindow {
  constructor(readonly page: Page) {}

  /** Runs `print` (a click or F9) and returns the PDF the UI opened, read from the page's own Blob. */
  async capture(print: () => Promise<void>): Promise<OpenedSlip> {
    const { page } = this;
    // Rendering the PDF on a loaded 2-core machine can outlast the 5 s action timeout.
    const wait = { timeout: 20_000 };
    const answer = page.waitForResponse((res) => res.url().endsWith('/api/slips.print'), wait);
    const preview = page.getByTestId('slip-preview');
    const viaWindow = page.waitForEvent('popup', wait).then(async (popup) => {
      await popup.waitForURL(/^blob:/, { waitUntil: 'commit' });
      const url = popup.url();
      await popup.close();
      return { via: 'window' as const, url };
    });
    const viaPreview = preview.waitFor(wait).then(async () => ({ via: 'preview' as const, url: (await preview.getAttribute('src')) ?? '' }));
    // The way not taken times out later; only the race's outcome matters.
    viaWindow.catch(() => undefined);
    viaPreview.catch(() => undefined);
    await print();
    const opened = await Promise.race([viaWindow, viaPreview]);
    expect(opened.url).toMatch(new RegExp(`^blob:${new URL(page.url()).origin}/`));

    const blob = await page.evaluate(async ({ registry, url }) => {
      const found = (window as unknown as Record<string, Map<string, Blob> | undefined>)[registry]?.get(url);
      if (!found) return null;
      const bytes = new Uint8Array(await found.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return { type: found.type, base64: btoa(binary) };
    }, { registry: REGISTRY, url: opened.url });
    if (!blob) throw new Error(`the page opened ${opened.url} but made no Blob for it`);

    const result = (await (await answer).json()) as { ok: boolean; value?: { mode: string; pdfBase64: string } };
    if (!result.ok || result.value?.mode !== 'dialog') throw new Error(`slips.print did not answer the slip for the dialog: ${JSON.stringify(result).slice(0, 300)}`);
    return {
      ...opened, type: blob.type, pdf: Buffer.from(blob.base64, 'base64'), fromApi: Buffer.from(result.value.pdfBase64, 'base64'),
    };
  }
}
