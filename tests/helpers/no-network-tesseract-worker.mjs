// tesseract.js's worker thread with the network blocked first (tests/integration/privacy/no-network-ocr.test.ts):
// a --import preload does not reach worker threads, so the block is installed here, then the real worker script
// runs. Any attempt throws, so OCR that needed the network would fail; attempts are also written to stderr.
import { createRequire } from 'node:module';
import { register } from 'tsx/esm/api';

register();
const { blockNetwork } = await import('./no-network.ts');
blockNetwork((attempt) => process.stderr.write(`NETWORK ATTEMPT in the OCR worker: ${attempt.api} ${attempt.target}\n`));
createRequire(import.meta.url)(process.env.TROVE_TEST_TESSERACT_WORKER);
