/**
 * OCR's native side, as the extraction worker opens it: tesseract.js for text, @napi-rs/canvas for drawing PDF
 * pages. Loaded lazily (dynamic import) so a folder without scans never loads either.
 */
export { openTesseractRecognizer, tesseractFiles, type RecognizedText, type TesseractFiles, type TesseractRecognizer } from './tesseract.ts';
export { rasterizePdfPage, type RasterizedPage } from './pdf-raster.ts';
