/**
 * One browser per run, launched lazily on the first PDF, shared by every
 * file, with a bounded number of pages printing at once. A crashed browser
 * is relaunched for the files still to print; a hung page is ended by a
 * per-file time limit. `close()` always releases the browser.
 */
import type { Browser, CDPSession, HTTPRequest, Page, PDFOptions, PuppeteerNode } from 'puppeteer';

export interface SessionOptions {
  executablePath: string;
  /** Chromium's sandbox; off only when it cannot work (running as root). */
  sandbox: boolean;
  /** Pages printing at once. */
  concurrency: number;
  /** Per-file time limit for loading and printing, in milliseconds. */
  timeoutMs: number;
  /** The tool's own files (fonts), served from memory under the printer's origin. */
  assets?: ReadonlyMap<string, { contentType: string; body: Buffer }>;
}

/**
 * The origin documents are printed under: never file://, and under a reserved
 * top-level domain that cannot resolve, so nothing can reach a real host even
 * if interception failed.
 */
export const PRINT_ORIGIN = 'https://report.invalid';

export class PrintTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`Printing took longer than ${Math.round(ms / 1000)} s and was stopped`);
  }
}

export class BrowserLaunchError extends Error {}

const LAUNCH_ARGS = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--font-render-hinting=none',
  '--disable-dev-shm-usage',
  '--mute-audio',
];

/** A document loaded in a page: print it, change texts in place (no script runs), print again. */
export interface LoadedDocument {
  pdf(options: PDFOptions): Promise<Uint8Array>;
  /**
   * Replace the text of the elements carrying `attribute`, keyed by its value.
   * Done through the DevTools DOM domain, so page JavaScript stays off.
   */
  setTexts(attribute: string, texts: ReadonlyMap<string, string>): Promise<number>;
  /** How many elements carry `attribute`. */
  count(attribute: string): Promise<number>;
  /**
   * Lay the document out for print media at `width` CSS pixels and report where each element with one of
   * these ids starts, and whether it forces a page break before it.
   */
  measure(
    ids: readonly string[],
    width: number,
    unbreakable?: string,
    keepWithNext?: string,
  ): Promise<{
    sections: Array<{ anchor: string; top: number; breakBefore: boolean }>;
    blocks: Array<{ top: number; height: number }>;
    glue: Array<{ top: number; height: number }>;
  }>;
}

const cdpSessions = new WeakMap<Page, Promise<CDPSession>>();

/** One DevTools session per page, reused. */
function cdp(page: Page): Promise<CDPSession> {
  let session = cdpSessions.get(page);
  if (!session) {
    session = page.createCDPSession();
    cdpSessions.set(page, session);
  }
  return session;
}

/** Pages already set up for measuring (print media, CSS domain on, at this width). */
const measuringWidth = new WeakMap<Page, number>();

function loadedDocument(page: Page, timeout: number): LoadedDocument {
  // DevTools node ids are valid for this document until a node is replaced; calls are sent together
  // (they are pipelined over one connection) rather than one round trip at a time.
  let root: Promise<number> | undefined;
  const rootId = async () => {
    root ??= cdp(page).then(async (client) => (await client.send('DOM.getDocument', { depth: 0 })).root.nodeId);
    return root;
  };
  const marked = new Map<string, Promise<number[]>>();
  const withAttribute = async (attribute: string) => {
    let ids = marked.get(attribute);
    if (!ids) {
      ids = (async () => {
        const client = await cdp(page);
        return (await client.send('DOM.querySelectorAll', { nodeId: await rootId(), selector: `[${attribute}]` })).nodeIds;
      })();
      marked.set(attribute, ids);
    }
    return ids;
  };
  return {
    pdf: (options) => page.pdf({ ...options, timeout }),
    async count(attribute) {
      return (await withAttribute(attribute)).length;
    },
    async setTexts(attribute, texts) {
      const client = await cdp(page);
      const nodeIds = await withAttribute(attribute);
      marked.delete(attribute); // replaced below: their ids will not be valid again
      const htmls = await Promise.all(nodeIds.map((nodeId) => client.send('DOM.getOuterHTML', { nodeId })));
      const edits = nodeIds.flatMap((nodeId, i) => {
        const outerHTML = htmls[i]!.outerHTML;
        const key = new RegExp(`${attribute}="([^"]*)"`).exec(outerHTML)?.[1];
        const text = key === undefined ? undefined : texts.get(key);
        if (text === undefined) return [];
        const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
        return [client.send('DOM.setOuterHTML', { nodeId, outerHTML: outerHTML.replace(/>[^<]*</, `>${escaped}<`) })];
      });
      await Promise.all(edits);
      return edits.length;
    },
    async measure(ids, width, unbreakable, keepWithNext) {
      const client = await cdp(page);
      // The CSS domain needs the DOM domain first, which asking for the document enables.
      const rootNode = await rootId();
      if (measuringWidth.get(page) !== Math.round(width)) {
        await Promise.all([
          client.send('Emulation.setEmulatedMedia', { media: 'print' }),
          client.send('Emulation.setDeviceMetricsOverride', { width: Math.round(width), height: 1000, deviceScaleFactor: 1, mobile: false }),
          client.send('CSS.enable'),
        ]);
        measuringWidth.set(page, Math.round(width));
      }
      const found = await Promise.all(
        ids.map((id) => client.send('DOM.querySelector', { nodeId: rootNode, selector: `[id="${id.replace(/["\\]/g, '')}"]` })),
      );
      const present = ids.map((id, i) => ({ id, nodeId: found[i]!.nodeId })).filter((n) => n.nodeId);
      const all = async (selector: string | undefined) =>
        selector ? (await client.send('DOM.querySelectorAll', { nodeId: rootNode, selector }).catch(() => ({ nodeIds: [] as number[] }))).nodeIds : [];
      const [whole, kept] = await Promise.all([all(unbreakable), all(keepWithNext)]);
      const boxOf = (nodeId: number) => client.send('DOM.getBoxModel', { nodeId }).catch(() => undefined);
      const [boxes, styles, wholeBoxes, keptBoxes] = await Promise.all([
        Promise.all(present.map((n) => client.send('DOM.getBoxModel', { nodeId: n.nodeId }))),
        Promise.all(present.map((n) => client.send('CSS.getComputedStyleForNode', { nodeId: n.nodeId }))),
        // Elements without a box (display: none) have no model: skip them.
        Promise.all(whole.map(boxOf)),
        Promise.all(kept.map(boxOf)),
      ]);
      return {
        sections: present.map((n, i) => {
          const breakBefore = styles[i]!.computedStyle.find((p) => p.name === 'break-before')?.value;
          return { anchor: n.id, top: boxes[i]!.model.border[1]!, breakBefore: breakBefore === 'page' || breakBefore === 'always' || breakBefore === 'left' || breakBefore === 'right' };
        }),
        blocks: wholeBoxes.flatMap((b) => (b ? [{ top: b.model.border[1]!, height: b.model.height }] : [])),
        glue: keptBoxes.flatMap((b) => (b ? [{ top: b.model.border[1]!, height: b.model.height }] : [])),
      };
    },
  };
}

/** Wait for a promise to settle, but no longer than `ms`; never rejects, leaves no timer behind. */
async function settleWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const settled = await Promise.race([
    promise.then(
      () => true,
      () => true,
    ),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms))),
  ]);
  clearTimeout(timer);
  return settled;
}

export class BrowserSession {
  private browser: Promise<Browser> | undefined;
  private idle: Page[] = [];
  private active = 0;
  private waiters: Array<() => void> = [];
  private closed = false;
  /** How many requests were refused (the first few are kept, for tests and debugging). */
  blockedCount = 0;
  readonly blocked: string[] = [];
  launches = 0;
  /** Launches that failed: the run cannot print at all, which is not any document's fault. */
  launchFailures = 0;
  private child: ReturnType<Browser['process']> | undefined;

  /** Kill the browser at once (watchdog, or the process is exiting). Synchronous on purpose. */
  killNow(): void {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    this.browser = undefined;
    this.idle = [];
  }

  constructor(private readonly options: SessionOptions) {}

  private launchError: BrowserLaunchError | undefined;

  private launch(): Promise<Browser> {
    // After close() nothing may start a browser again (it would outlive the run).
    if (this.closed) return Promise.reject(new Error('The browser session is closed'));
    // A browser that could not start once will not start for the next file either.
    if (this.launchError && this.launches === this.launchFailures) return Promise.reject(this.launchError);
    if (!this.browser) {
      this.launches++;
      // Imported here, not at the top: runs without a PDF never pay for Puppeteer.
      const launching = import('puppeteer')
        // (`default` is missing when a bundler has already unwrapped the module)
        .then((module) => ((module as unknown as { default?: PuppeteerNode }).default ?? (module as unknown as PuppeteerNode)).launch({
          executablePath: this.options.executablePath,
          headless: true,
          args: [...LAUNCH_ARGS, ...(this.options.sandbox ? [] : ['--no-sandbox', '--disable-setuid-sandbox'])],
          // The CLI handles signals: it closes the session and removes temporary files before exiting.
          handleSIGINT: false,
          handleSIGTERM: false,
          handleSIGHUP: false,
          timeout: 60_000,
          protocolTimeout: Math.max(60_000, this.options.timeoutMs * 2),
        }))
        .then((browser) => {
          this.child = browser.process() ?? undefined;
          browser.on('disconnected', () => {
            if (this.browser === launching) {
              this.browser = undefined;
              this.idle = [];
            }
          });
          return browser;
        })
        .catch((error: unknown) => {
          this.browser = undefined;
          this.launchFailures++;
          this.launchError = new BrowserLaunchError(`Could not start the browser at ${this.options.executablePath}: ${String((error as Error).message ?? error).split('\n')[0]}`);
          throw this.launchError;
        });
      this.browser = launching;
    }
    return this.browser;
  }

  /**
   * Start the browser now, in the background, so that it is ready when the
   * first document has been parsed and rendered. Errors surface on first use.
   */
  warmUp(): void {
    if (this.closed || this.browser) return;
    // With the browser, open the first page too (~80 ms), unless a print took one meanwhile.
    this.launch()
      .then(async () => {
        if (this.closed || this.idle.length > 0 || this.active > 0) return;
        const page = await this.newPage();
        // Closed while the page opened: close() has already let the browser go, with this page in it.
        if (!this.closed) this.idle.push(page);
      })
      .catch(() => undefined);
  }

  private async acquireSlot(): Promise<void> {
    if (this.active < this.options.concurrency) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiters.push(resolve));
    this.active++;
  }

  private releaseSlot(): void {
    this.active--;
    this.waiters.shift()?.();
  }

  /** Documents being printed, by their URL under PRINT_ORIGIN. */
  private readonly documents = new Map<string, string>();
  private documentCounter = 0;

  /**
   * Every request of a page is answered here: the document itself and the
   * tool's assets from memory, data: URLs as they are; everything else (the
   * network, local files, other schemes) is refused.
   */
  private answer(request: HTTPRequest): void {
    const url = request.url();
    if (url.startsWith('data:')) {
      void request.continue();
      return;
    }
    if (url.startsWith(PRINT_ORIGIN + '/')) {
      const path = url.slice(PRINT_ORIGIN.length).split('?')[0]!;
      const document = this.documents.get(url);
      if (document !== undefined) {
        void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', headers: { 'Cache-Control': 'no-store' }, body: document });
        return;
      }
      const asset = this.options.assets?.get(path);
      if (asset) {
        void request.respond({ status: 200, contentType: asset.contentType, headers: { 'Cache-Control': 'public, max-age=31536000, immutable' }, body: asset.body });
        return;
      }
    }
    this.blockedCount++;
    if (this.blocked.length < 20) this.blocked.push(url.slice(0, 200));
    void request.abort('blockedbyclient');
  }

  private async newPage(): Promise<Page> {
    const browser = await this.launch();
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request) => this.answer(request));
    return page;
  }

  /**
   * Load the HTML in a pooled page and hand it to `work`, which may print it,
   * change texts and print again. The whole of `work` is under the per-file
   * time limit; if the browser dies meanwhile, it is relaunched and `work`
   * runs once more from the start.
   */
  async withDocument<T>(html: string, work: (doc: LoadedDocument) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('The browser session is closed');
    await this.acquireSlot();
    try {
      try {
        return await this.runOnce(html, work);
      } catch (error) {
        if (error instanceof PrintTimeoutError || error instanceof BrowserLaunchError || this.closed) throw error;
        // The browser crashed or was killed: start a new one and try this file again.
        this.idle = [];
        return await this.runOnce(html, work);
      }
    } finally {
      this.releaseSlot();
    }
  }

  private async runOnce<T>(html: string, work: (doc: LoadedDocument) => Promise<T>): Promise<T> {
    const page = this.idle.pop() ?? (await this.newPage());
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const url = `${PRINT_ORIGIN}/report/${++this.documentCounter}`;
    this.documents.set(url, html);
    const timeout = this.options.timeoutMs;
    const running = (async () => {
      try {
        await page.goto(url, { waitUntil: 'load', timeout });
      } finally {
        this.documents.delete(url);
      }
      return work(loadedDocument(page, timeout));
    })();
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        reject(new PrintTimeoutError(timeout));
      }, timeout);
    });
    try {
      const result = await Promise.race([running, limit]);
      this.idle.push(page);
      return result;
    } catch (error) {
      running.catch(() => undefined);
      // A page that failed or hung is not reused; a browser that cannot even close it is killed
      // (watchdog) and relaunched for the files still to print.
      const closed = await settleWithin(page.close(), 2_000);
      if (!closed) this.killNow();
      if (timedOut) throw new PrintTimeoutError(timeout);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The browser's process id, for tests and the benchmark. */
  async pid(): Promise<number | undefined> {
    return (await this.browser)?.process()?.pid;
  }

  async close(): Promise<void> {
    this.closed = true;
    const launching = this.browser;
    this.browser = undefined;
    this.idle = [];
    if (!launching) return;
    let browser: Browser;
    try {
      browser = await launching;
    } catch {
      return;
    }
    const child = browser.process();
    await settleWithin(browser.close(), 5_000);
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}
