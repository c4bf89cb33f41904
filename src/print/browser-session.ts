/**
 * One browser per run, launched lazily on the first PDF, shared by every
 * file, with a bounded number of pages printing at once. Each page keeps a
 * shell document (fonts loaded) that reports are swapped into, rather than
 * loading every report afresh. A crashed browser is relaunched for the files
 * still to print; a hung page is ended by a per-file time limit. `close()`
 * always releases the browser and removes its profile.
 */
import type { ChildProcess } from 'node:child_process';
import pLimit from 'p-limit';
import type { Browser, CDPSession, HTTPRequest, Page, PDFOptions } from 'puppeteer-core';
import { FinishingThread } from './finishing-thread.js';
import type { PdfStandard } from './pdf-standard.js';
import { builtDefaultArgs, launchChromium, type LaunchedChromium } from './launch-chromium.js';

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
  /** CSS every report shares (the fonts' @font-face rules), loaded once per page rather than once per report. */
  sharedCss?: string;
  /**
   * What the run's PDFs are finished to, when known: unless `none`, `warmUp` starts the finishing thread with the
   * browser, so that it has loaded its bundle while Chromium starts (else it starts with the first print).
   */
  pdfStandard?: PdfStandard;
}

/**
 * The origin documents are printed under: never file://, and under a reserved
 * top-level domain that cannot resolve, so nothing can reach a real host even
 * if interception failed.
 */
export const PRINT_ORIGIN = 'https://report.invalid';

/** Where the shell document is served, under PRINT_ORIGIN. */
const SHELL_PATH = '/shell';

/** What the shell, and so every report swapped into it, may load: its own fonts and data: images, nothing else. */
const SHELL_POLICY = "default-src 'none'; img-src data:; font-src 'self'; style-src 'unsafe-inline'; script-src 'none'";

export class PrintTimeoutError extends Error {
  /** `ms`: the limit printing had; `fileLimitMs`: the file's whole time limit, when printing had only what was left of it. */
  constructor(
    readonly ms: number,
    readonly fileLimitMs?: number,
  ) {
    super(
      fileLimitMs !== undefined && ms < fileLimitMs
        ? `Printing took longer than the ${(ms / 1000).toFixed(1)} s left of the file's time limit (${Math.round(fileLimitMs / 1000)} s) and was stopped`
        : `Printing took longer than ${Math.round(ms / 1000)} s and was stopped`,
    );
  }
}

export class BrowserLaunchError extends Error {}

/** Chromium could not even be spawned (its profile folder could not be made). */
class SpawnError extends Error {
  constructor(override readonly cause: unknown) {
    super(String((cause as Error)?.message ?? cause));
  }
}

/** A report loaded in a page: print it, change texts in place (the page's own scripts never run), print again. */
export interface LoadedDocument {
  pdf(options: PDFOptions): Promise<Uint8Array>;
  /** Replace the text of the elements carrying `attribute`, keyed by its value. */
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

/**
 * A pooled page: a blank "shell" document loaded once, holding the tool's
 * shared CSS (the fonts), into which each report is swapped. Fonts stay
 * loaded and decoded from one report to the next, which is most of what a
 * fresh load would cost.
 */
interface PrintPage {
  page: Page;
  client: CDPSession;
  /** Our own isolated world in the shell: the page's scripts stay disabled, and cannot see or change ours. */
  world: number;
  /** Reports printed in this page, to start afresh now and then. */
  uses: number;
  /** The width the page is laid out at for measuring, once set. */
  width?: number;
}

/**
 * close() waits at most this long for a starting browser, twice as long for a polite close, then kills: it ends
 * within ~4.5 s whatever the browser does (bin/report.js gives the whole cleanup after a signal 8 s).
 */
const CLOSE_STEP_MS = 1_000;

/** Reports printed in one page before it is replaced by a fresh one (bounds whatever a document leaves behind). */
const USES_PER_PAGE = 100;

/** Marks the shell's own head elements, which stay when a report is swapped in. */
const SHELL_MARK = 'data-report-shell';

/**
 * Runs in the isolated world: replaces the shell's content with the report's
 * (attributes of <html>, the head's elements, the body), then waits for fonts
 * and for images to load. Nodes parsed by DOMParser are inert (scripts never run), and the
 * shell's Content-Security-Policy governs whatever the report asks to load.
 * Left out, wherever they are: every <link> (a preconnect or dns-prefetch
 * opens a connection that neither the policy nor request interception sees;
 * the tool's own styles are inline <style>), <meta http-equiv> and <base>
 * (they would override the shell's policy and URLs).
 */
const SWAP = `async function (html, mark) {
  const next = new DOMParser().parseFromString(html, 'text/html');
  for (const node of next.querySelectorAll('link, meta[http-equiv], base')) node.remove();
  const root = document.documentElement;
  for (const node of [...document.head.childNodes]) if (!(node.nodeType === 1 && node.hasAttribute(mark))) node.remove();
  for (const node of [...next.head.childNodes]) document.head.appendChild(document.adoptNode(node));
  document.body.replaceWith(document.adoptNode(next.body));
  for (const attribute of [...root.attributes]) root.removeAttribute(attribute.name);
  for (const attribute of [...next.documentElement.attributes]) root.setAttribute(attribute.name, attribute.value);
  await document.fonts.ready;
  // Loaded, not decode(): decode() waits for a frame that a page printing in the background never gets (with two
  // pages printing at once, the second hung until the time limit). Printing decodes what it paints.
  await Promise.all([...document.images].map((image) => image.complete ? undefined : new Promise((done) => { image.addEventListener('load', done, { once: true }); image.addEventListener('error', done, { once: true }); })));
}`;

const COUNT = `function (attribute) { return document.querySelectorAll('[' + attribute + ']').length; }`;

const SET_TEXTS = `function (attribute, texts) {
  let changed = 0;
  for (const element of document.querySelectorAll('[' + attribute + ']')) {
    const text = texts[element.getAttribute(attribute)];
    if (typeof text !== 'string') continue;
    element.textContent = text;
    changed++;
  }
  return changed;
}`;

/** Where sections start (and whether they force a page break), and the boxes of kept-whole and kept-with-next elements. */
const MEASURE = `function (ids, unbreakable, keepWithNext) {
  const top = (rect) => rect.top + window.scrollY;
  const sections = [];
  for (const id of ids) {
    const element = document.getElementById(id);
    if (!element) continue;
    const breakBefore = getComputedStyle(element).breakBefore;
    sections.push({ anchor: id, top: top(element.getBoundingClientRect()), breakBefore: ['page', 'always', 'left', 'right', 'recto', 'verso'].includes(breakBefore) });
  }
  const boxes = (selector) => {
    if (!selector) return [];
    let elements;
    try { elements = document.querySelectorAll(selector); } catch { return []; }
    // Elements without a box (display: none) have no place on a page.
    return [...elements].filter((e) => e.getClientRects().length > 0).map((e) => { const r = e.getBoundingClientRect(); return { top: top(r), height: r.height }; });
  };
  return { sections, blocks: boxes(unbreakable), glue: boxes(keepWithNext) };
}`;

async function call<T>(target: PrintPage, functionDeclaration: string, ...args: unknown[]): Promise<T> {
  const response = await target.client.send('Runtime.callFunctionOn', {
    executionContextId: target.world,
    functionDeclaration,
    arguments: args.map((value) => ({ value })),
    awaitPromise: true,
    returnByValue: true,
  });
  if (response.exceptionDetails) throw new Error(`The printer page failed: ${response.exceptionDetails.exception?.description?.split('\n')[0] ?? response.exceptionDetails.text}`);
  return response.result.value as T;
}

function loadedDocument(target: PrintPage, timeout: number): LoadedDocument {
  return {
    pdf: (options) => target.page.pdf({ ...options, timeout }),
    count: (attribute) => call<number>(target, COUNT, attribute),
    setTexts: (attribute, texts) => call<number>(target, SET_TEXTS, attribute, Object.fromEntries(texts)),
    async measure(ids, width, unbreakable, keepWithNext) {
      if (target.width !== Math.round(width)) {
        await Promise.all([
          target.client.send('Emulation.setEmulatedMedia', { media: 'print' }),
          target.client.send('Emulation.setDeviceMetricsOverride', { width: Math.round(width), height: 1000, deviceScaleFactor: 1, mobile: false }),
        ]);
        target.width = Math.round(width);
      }
      return call(target, MEASURE, ids, unbreakable ?? '', keepWithNext ?? '');
    },
  };
}

// Imported on first use, not at the top: runs without a PDF never pay for it.
const importPuppeteer = () => import('puppeteer-core');

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
  private idle: PrintPage[] = [];
  /** Pages printing at once; close() turns away the files still waiting for one. */
  private readonly printing: ReturnType<typeof pLimit>;
  private closed = false;
  /** How many requests were refused (the first few are kept, for tests and debugging). */
  blockedCount = 0;
  readonly blocked: string[] = [];
  launches = 0;
  /** Launches that failed: the run cannot print at all, which is not any document's fault. */
  launchFailures = 0;
  private child: ChildProcess | undefined;
  /** The browser the session uses now (the last one started). */
  private current: LaunchedChromium | undefined;
  /** Set once close() has begun: a second call (Ctrl-C while the run closes) waits for the same. */
  private closing: Promise<void> | undefined;
  /** Every Chromium this session started (a crashed one is replaced), to make sure all have ended at close. */
  private readonly chromiums: LaunchedChromium[] = [];
  /** Puppeteer, once asked for. */
  private puppeteer: ReturnType<typeof importPuppeteer> | undefined;
  /** The tab the browser opened at start, not yet used. */
  private blank: Page | undefined;
  /** Where printed PDFs are post-processed (PDF/UA, PDF/A), off the thread that drives the browser. */
  readonly finishing = new FinishingThread();

  /**
   * Kill the current browser and every process it started, at once (watchdog: it did not answer in time, or is
   * frozen). Synchronous on purpose. Its profile goes as soon as it has exited; the next file starts a fresh one.
   */
  killNow(): void {
    this.current?.kill();
    this.browser = undefined;
    this.idle = [];
    this.blank = undefined;
  }

  constructor(private readonly options: SessionOptions) {
    this.printing = pLimit({ concurrency: Math.max(1, Math.floor(options.concurrency) || 1), rejectOnClear: true });
  }

  private launchError: BrowserLaunchError | undefined;

  private launch(): Promise<Browser> {
    // After close() nothing may start a browser again (it would outlive the run).
    if (this.closed) return Promise.reject(new Error('The browser session is closed'));
    // A browser that could not start once will not start for the next file either.
    if (this.launchError && this.launches === this.launchFailures) return Promise.reject(this.launchError);
    if (!this.browser) {
      this.launches++;
      // Chromium starts now, with the flags the build took from Puppeteer; Puppeteer is imported meanwhile
      // (here, not at the top: runs without a PDF never pay for it) and connects over the pipe when both are ready.
      // (Without a build, the flags come from the installed Puppeteer, once it has loaded.)
      this.puppeteer ??= importPuppeteer();
      const puppeteerOf = (module: Awaited<ReturnType<typeof importPuppeteer>>) =>
        // (`default` is missing when a bundler has already unwrapped the module)
        (module as unknown as { default?: typeof import('puppeteer-core') }).default ?? module;
      const built = builtDefaultArgs();
      const defaults = built ? Promise.resolve(built) : this.puppeteer.then((module) => puppeteerOf(module).defaultArgs({ headless: true }));
      let chromium: LaunchedChromium | undefined;
      const launching: Promise<Browser> = defaults
        .then((puppeteerDefaults) => {
          if (this.closed) throw new Error('The browser session is closed');
          try {
            chromium = launchChromium(this.options.executablePath, { sandbox: this.options.sandbox, puppeteerDefaults });
          } catch (error) {
            throw new SpawnError(error);
          }
          const started = chromium;
          this.chromiums.push(started);
          this.child = started.process;
          this.current = started;
          void started.exited.then(() => started.removeProfile());
          // Not started within a minute: give up (the connection would otherwise wait for ever).
          const limit = setTimeout(() => started.transport.close(), 60_000);
          const connecting = this.puppeteer!.then((module) =>
            puppeteerOf(module).connect({
              transport: started.transport,
              defaultViewport: { width: 800, height: 600 },
              protocolTimeout: Math.max(60_000, this.options.timeoutMs * 2),
            }),
          );
          void connecting.then(() => clearTimeout(limit), () => clearTimeout(limit));
          return connecting;
        })
        .then(async (browser) => {
          browser.on('disconnected', () => {
            if (this.browser === launching) {
              this.browser = undefined;
              this.idle = [];
              this.blank = undefined;
            }
          });
          // The tab Chromium opened at start: the first page, without opening another.
          this.blank = (await browser.pages())[0];
          return browser;
        })
        .catch(async (error: unknown) => {
          // Not even spawned (no profile folder, no Puppeteer): the run cannot print.
          if (!chromium) {
            if (this.browser !== launching || this.closed) throw error instanceof SpawnError ? error.cause : error;
            throw this.launchFailed(error instanceof SpawnError ? error.cause : error);
          }
          // Killed by us while it started (frozen, or the run is closing): not a browser that cannot start.
          if (chromium.killed) {
            if (this.browser === launching) this.browser = undefined;
            throw new Error('The browser was stopped while it started');
          }
          // A browser that could not start usually says why on its way out.
          await settleWithin(chromium.exited, 1_000);
          const { exitCode, signalCode } = chromium.process;
          const ended = exitCode !== null || signalCode !== null ? new Error(`it exited at start (${exitCode !== null ? `code ${exitCode}` : signalCode})`) : error;
          chromium.kill();
          if (this.browser !== launching) throw ended;
          throw this.launchFailed(ended, chromium.stderrTail());
        });
      this.browser = launching;
    }
    return this.browser;
  }

  private launchFailed(error: unknown, stderr = ''): BrowserLaunchError {
    this.browser = undefined;
    this.launchFailures++;
    const reason = [String((error as Error)?.message ?? error).split('\n')[0], stderr].filter(Boolean).join(' ');
    this.launchError = new BrowserLaunchError(`Could not start the browser at ${this.options.executablePath}: ${reason}`);
    return this.launchError;
  }

  /**
   * Start the browser now, in the background, so that it is ready when the
   * first document has been parsed and rendered. Errors surface on first use.
   * Resolves (never rejects) once Puppeteer is loaded: a caller that waits
   * lets it connect and open a page while the caller works.
   */
  warmUp(): Promise<void> {
    if (this.closed || this.browser) return Promise.resolve();
    if (this.options.pdfStandard !== undefined && this.options.pdfStandard !== 'none') this.finishing.start();
    // With the browser, open the first page too (~80 ms), unless a print took one meanwhile.
    this.launch()
      .then(async () => {
        if (this.closed || this.idle.length > 0 || this.printing.activeCount > 0) return;
        const page = await this.newPage();
        // Closed while the page opened: close() has already let the browser go, with this page in it.
        if (!this.closed) this.idle.push(page);
      })
      .catch(() => undefined);
    // (no Puppeteer to wait for when the browser could not even be spawned)
    return (this.puppeteer ?? Promise.resolve()).then(
      () => undefined,
      () => undefined,
    );
  }

  /**
   * Every request of a page is answered here: the shell document and the
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
      if (path === SHELL_PATH) {
        void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', headers: { 'Cache-Control': 'no-store' }, body: this.shell });
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

  /** The shell every report is swapped into: the shared CSS, and a policy that lets nothing but our own fonts load. */
  private get shell(): string {
    return (
      `<!DOCTYPE html><html><head><meta charset="utf-8">` +
      `<meta http-equiv="Content-Security-Policy" content="${SHELL_POLICY}">` +
      // Links in reports are printed, never resolved ahead (and this cannot be turned back on by the page).
      `<meta http-equiv="x-dns-prefetch-control" content="off">` +
      `<style ${SHELL_MARK}>${(this.options.sharedCss ?? '').replace(/<\//g, '<\\/')}</style></head><body></body></html>`
    );
  }

  private async newPage(): Promise<PrintPage> {
    const browser = await this.launch();
    const page = this.blank ?? (await browser.newPage());
    this.blank = undefined;
    try {
      page.on('request', (request) => this.answer(request));
      // (sent together: each is a round trip to the browser)
      const [client] = await Promise.all([page.createCDPSession(), page.setJavaScriptEnabled(false), page.setRequestInterception(true)]);
      await page.goto(PRINT_ORIGIN + SHELL_PATH, { waitUntil: 'load', timeout: this.options.timeoutMs });
      const { frameTree } = await client.send('Page.getFrameTree');
      const { executionContextId } = await client.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'report-print' });
      return { page, client, world: executionContextId, uses: 0 };
    } catch (error) {
      await settleWithin(page.close(), 2_000);
      throw error;
    }
  }

  /**
   * Load the HTML in a pooled page and hand it to `work`, which may print it,
   * change texts and print again. The whole of `work` is under the per-file
   * time limit; if the browser dies meanwhile, it is relaunched and `work`
   * runs once more from the start. `limitMs`: this document's own limit instead of the session's.
   */
  async withDocument<T>(html: string, work: (doc: LoadedDocument) => Promise<T>, timeLeftMs?: number, limitMs?: number): Promise<T> {
    if (this.closed) throw new Error('The browser session is closed');
    // The limit runs from when a page is free: time spent waiting for one is not the file's.
    const limit = Math.max(0, Math.min(limitMs ?? this.options.timeoutMs, timeLeftMs ?? Infinity));
    try {
      return await this.printing(() => this.printWithRetry(html, work, limit));
    } catch (error) {
      // Turned away while waiting for a page, by close().
      if (this.closed && (error as Error)?.name === 'AbortError') throw new Error('The browser session is closed');
      throw error;
    }
  }

  private async printWithRetry<T>(html: string, work: (doc: LoadedDocument) => Promise<T>, limit: number): Promise<T> {
    if (this.closed) throw new Error('The browser session is closed');
    try {
      return await this.runOnce(html, work, limit);
    } catch (error) {
      if (error instanceof PrintTimeoutError || error instanceof BrowserLaunchError || this.closed) throw error;
      // The browser crashed or was killed: start a new one and try this file again.
      this.idle = [];
      return await this.runOnce(html, work, limit);
    }
  }

  private async runOnce<T>(html: string, work: (doc: LoadedDocument) => Promise<T>, timeout: number): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    let target: PrintPage | undefined;
    const running = (async () => {
      const opened = this.idle.pop() ?? (await this.newPage());
      // A page that opened only after the time limit passed is closed, not left open in the browser.
      if (timedOut) {
        void settleWithin(opened.page.close(), 2_000);
        throw new PrintTimeoutError(timeout, this.options.timeoutMs);
      }
      target = opened;
      target.uses++;
      await call(target, SWAP, html, SHELL_MARK);
      return work(loadedDocument(target, timeout));
    })();
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        reject(new PrintTimeoutError(timeout, this.options.timeoutMs));
      }, timeout);
    });
    try {
      const result = await Promise.race([running, limit]);
      if (target!.uses < USES_PER_PAGE) this.idle.push(target!);
      else void settleWithin(target!.page.close(), 2_000);
      return result;
    } catch (error) {
      running.catch(() => undefined);
      // A page that failed or hung is not reused; a browser that cannot even close it, or that could not even
      // open one in time (frozen as it started), is killed (watchdog) and relaunched for the files still to print.
      const closed = target ? await settleWithin(target.page.close(), 2_000) : !timedOut;
      if (!closed) this.killNow();
      if (timedOut) throw new PrintTimeoutError(timeout, this.options.timeoutMs);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The browser's process id, for tests and the benchmark. */
  async pid(): Promise<number | undefined> {
    await this.browser?.catch(() => undefined);
    return this.child?.pid;
  }

  /**
   * Close the browser, within a few seconds whatever it does: asked politely first, then every process of every
   * browser this session started is killed, and each throwaway profile removed. Safe to call again (the same close).
   */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    this.closed = true;
    const finishing = this.finishing.close();
    const launching = this.browser;
    this.browser = undefined;
    this.idle = [];
    this.blank = undefined;
    this.printing.clearQueue();
    // A browser still starting (or frozen as it started) is not waited for long.
    let browser: Browser | undefined;
    if (launching) await settleWithin(launching.then((b) => (browser = b)), CLOSE_STEP_MS);
    if (browser) await settleWithin((browser as Browser).close(), 2 * CLOSE_STEP_MS);
    await Promise.all(
      this.chromiums.map(async (chromium) => {
        const ended = chromium.process.exitCode !== null || chromium.process.signalCode !== null;
        if (!ended && !(await settleWithin(chromium.exited, CLOSE_STEP_MS / 2))) {
          chromium.kill();
          await settleWithin(chromium.exited, CLOSE_STEP_MS);
        }
        chromium.removeProfile();
      }),
    );
    await settleWithin(finishing, CLOSE_STEP_MS);
  }
}
