/**
 * The OcrPort over native/ocr: one tesseract.js worker, started on the first image and kept for the next ones
 * (starting it — WebAssembly and 2 MB of language data — costs seconds), replaced after a restart.
 *
 * An engine left idle for `idleMs` is stopped: its WebAssembly memory and model (~200 MiB) stayed in the
 * extraction worker until that worker was replaced, on top of every later file's parse, and made up a large part
 * of the indexing process's peak (docs/benchmarks.md). The images of a folder, or the pages of a scan, come one
 * after another well within that time and share one start-up.
 */
import type * as NativeOcrModule from '../../../../native/ocr/index.ts';
import type { OcrPort } from './ocr-port.ts';

type NativeOcr = typeof NativeOcrModule;
type Recognizer = NativeOcrModule.TesseractRecognizer;

/** How long an engine without work stays loaded. */
export const OCR_IDLE_MS = 2000;

export function nativeOcrPort(idleMs = OCR_IDLE_MS): OcrPort {
  let native: Promise<NativeOcr> | undefined;
  let recognizer: Promise<Recognizer> | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  const load = () => (native ??= import('../../../../native/ocr/index.ts'));
  const stop = async () => {
    clearTimeout(idleTimer);
    const running = recognizer;
    recognizer = undefined;
    if (running) await running.then((r) => r.dispose(), () => undefined);
  };
  const open = () => (recognizer ??= load().then((ocr) => ocr.openTesseractRecognizer()));
  /** Runs OCR work with the idle timer stopped, and starts it again once the work is done. */
  const busy = async <T>(work: () => Promise<T>): Promise<T> => {
    clearTimeout(idleTimer);
    try {
      return await work();
    } finally {
      idleTimer = setTimeout(() => void stop(), idleMs);
      // An idle engine never keeps the worker (or a test) alive.
      idleTimer.unref();
    }
  };
  return {
    get started() {
      return recognizer !== undefined;
    },
    async start() {
      await busy(open);
    },
    async recognize(image) {
      return busy(async () => (await open()).recognize(image));
    },
    async rasterize(page, scale) {
      return busy(async () => (await (await load()).rasterizePdfPage(page, scale)).png);
    },
    restart: stop,
    dispose: stop,
  };
}
