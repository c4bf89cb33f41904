/**
 * One browser per run, launched lazily on the first PDF, shared by every
 * file, with a bounded number of pages printing at once. A crashed browser
 * is relaunched for the files still to print; a hung page is ended by a
 * per-file time limit. `close()` always releases the browser.
 */
import puppeteer, { type Browser, type HTTPRequest, type Page, type PDFOptions } from 'puppeteer';

export interface SessionOptions {
  executablePath: string;
  /** Chromium's sandbox; off only when it cannot work (running as root). */
  sandbox: boolean;
  /** Pages printing at once. */
  concurrency: number;
  /** Per-file time limit for loading and printing, in milliseconds. */
  timeoutMs: number;
}

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

/** Only our own inlined assets (data: URLs) may load; everything else is refused. */
function onRequest(request: HTTPRequest): void {
  const url = request.url();
  if (url.startsWith('data:') || url === 'about:blank') void request.continue();
  else void request.abort('blockedbyclient');
}

export class BrowserSession {
  private browser: Promise<Browser> | undefined;
  private idle: Page[] = [];
  private active = 0;
  private waiters: Array<() => void> = [];
  private closed = false;
  /** Requests that were blocked, for diagnostics and tests. */
  readonly blocked: string[] = [];
  launches = 0;

  constructor(private readonly options: SessionOptions) {}

  private launch(): Promise<Browser> {
    if (!this.browser) {
      this.launches++;
      const launching = puppeteer
        .launch({
          executablePath: this.options.executablePath,
          headless: true,
          args: [...LAUNCH_ARGS, ...(this.options.sandbox ? [] : ['--no-sandbox', '--disable-setuid-sandbox'])],
          handleSIGINT: true,
          handleSIGTERM: true,
          handleSIGHUP: true,
          timeout: 60_000,
          protocolTimeout: Math.max(60_000, this.options.timeoutMs * 2),
        })
        .then((browser) => {
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
          throw new BrowserLaunchError(`Could not start the browser at ${this.options.executablePath}: ${String((error as Error).message ?? error).split('\n')[0]}`);
        });
      this.browser = launching;
    }
    return this.browser;
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

  private async newPage(): Promise<Page> {
    const browser = await this.launch();
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (!request.url().startsWith('data:') && request.url() !== 'about:blank') this.blocked.push(request.url());
      onRequest(request);
    });
    return page;
  }

  /** Load the HTML in a pooled page and print it; retried once on a fresh browser if the browser died. */
  async print(html: string, pdfOptions: PDFOptions): Promise<Uint8Array> {
    if (this.closed) throw new Error('The browser session is closed');
    await this.acquireSlot();
    try {
      try {
        return await this.printOnce(html, pdfOptions);
      } catch (error) {
        if (error instanceof PrintTimeoutError || error instanceof BrowserLaunchError || this.closed) throw error;
        // The browser crashed or was killed: start a new one and try this file again.
        this.idle = [];
        return await this.printOnce(html, pdfOptions);
      }
    } finally {
      this.releaseSlot();
    }
  }

  private async printOnce(html: string, pdfOptions: PDFOptions): Promise<Uint8Array> {
    const page = this.idle.pop() ?? (await this.newPage());
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const work = (async () => {
      await page.setContent(html, { waitUntil: 'load', timeout: this.options.timeoutMs });
      return page.pdf({ ...pdfOptions, timeout: this.options.timeoutMs });
    })();
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        reject(new PrintTimeoutError(this.options.timeoutMs));
      }, this.options.timeoutMs);
    });
    try {
      const pdf = await Promise.race([work, limit]);
      this.idle.push(page);
      return pdf;
    } catch (error) {
      work.catch(() => undefined);
      // A page that failed or hung is not reused.
      await Promise.race([page.close().catch(() => undefined), new Promise((r) => setTimeout(r, 2_000))]);
      if (timedOut) throw new PrintTimeoutError(this.options.timeoutMs);
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
    await Promise.race([browser.close().catch(() => undefined), new Promise((r) => setTimeout(r, 5_000))]);
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}
