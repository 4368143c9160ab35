/**
 * The OcrPort over native/ocr: one tesseract.js worker, started on the first image and kept for the next ones
 * (starting it — WebAssembly and 2 MB of language data — costs seconds), replaced after a restart.
 */
import type * as NativeOcrModule from '../../../../native/ocr/index.ts';
import type { OcrPort } from './ocr-port.ts';

type NativeOcr = typeof NativeOcrModule;
type Recognizer = NativeOcrModule.TesseractRecognizer;

export function nativeOcrPort(): OcrPort {
  let native: Promise<NativeOcr> | undefined;
  let recognizer: Promise<Recognizer> | undefined;
  const load = () => (native ??= import('../../../../native/ocr/index.ts'));
  const stop = async () => {
    const running = recognizer;
    recognizer = undefined;
    if (running) await running.then((r) => r.dispose(), () => undefined);
  };
  const open = () => (recognizer ??= load().then((ocr) => ocr.openTesseractRecognizer()));
  return {
    get started() {
      return recognizer !== undefined;
    },
    async start() {
      await open();
    },
    async recognize(image) {
      return (await open()).recognize(image);
    },
    async rasterize(page, scale) {
      return (await (await load()).rasterizePdfPage(page, scale)).png;
    },
    restart: stop,
    dispose: stop,
  };
}
