/**
 * The extraction worker thread: receives one file's bytes at a time, extracts them with the same code as the
 * in-process path and replies with the document or the failure's code and message. It holds no state worth
 * keeping, so the parent may terminate it at any moment (time limit) and V8 stops it at its heap limit.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { ExtractionError } from '../errors.ts';
import type { WorkerReply, WorkerRequest } from './bounded-extractor.ts';
import { extractBytes } from './index.ts';
import { nativeOcrPort } from './ocr/native-ocr.ts';
import { OcrReader } from './ocr/ocr-reader.ts';

const port = parentPort;
if (!port) throw new Error('extract-worker.ts must run in a worker thread');

// The big parsers load before 'ready', so their start-up never counts against a file's time limit. From the
// sources extract-worker.mjs has loaded them already (module cache); the built worker (out/app) loads them here.
// pdf.worker.mjs (untyped) is what pdfjs itself would import on the first document; it sets globalThis.pdfjsWorker.
const PDF_WORKER: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
await Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import(PDF_WORKER), import('mammoth')]);
port.postMessage({ ready: true } satisfies WorkerReply);
// One OCR engine for the worker's life, started on the first scanned page (tesseract's start-up costs seconds);
// it ends with the worker, whose termination also stops tesseract's own thread.
const ocrPort = nativeOcrPort();
port.on('message', (request: WorkerRequest) => {
  const onOcrStarting = () => port.postMessage({ id: request.id, ocrStarting: true } satisfies WorkerReply);
  const ocr = request.ocrPageTimeoutMs === undefined ? undefined : new OcrReader(ocrPort, request.ocrPageTimeoutMs, onOcrStarting);
  const onPages = (done: number, total: number) => port.postMessage({ id: request.id, pages: { done, total } } satisfies WorkerReply);
  void extractBytes(request.bytes, request.format, request.path, { name: request.name, maxBytes: request.maxBytes, ...(ocr ? { ocr } : {}), onPages }).then(
    // The heap this thread has committed, so the parent can replace a worker a big file left large.
    (document) => port.postMessage({ id: request.id, ok: true, document, heapBytes: getHeapStatistics().total_heap_size } satisfies WorkerReply),
    (error: unknown) => {
      // extractBytes only throws ExtractionError; anything else is reported the same way, never as a crash.
      const code = error instanceof ExtractionError ? error.code : 'PARSE_FAILED';
      const message = error instanceof Error ? error.message : String(error);
      port.postMessage({ id: request.id, ok: false, code, message, heapBytes: getHeapStatistics().total_heap_size } satisfies WorkerReply);
    },
  );
});
