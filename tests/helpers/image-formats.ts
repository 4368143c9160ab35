/**
 * The same picture as JPEG, WebP and TIFF, made at run time from a PNG: JPEG and WebP by @napi-rs/canvas's
 * encoders, TIFF written by hand as the simplest valid file (uncompressed 8-bit grayscale, one strip), since
 * nothing here encodes TIFF. No vitest imports.
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';

export async function imageVariants(png: Uint8Array): Promise<{ jpeg: Uint8Array; webp: Uint8Array; tiff: Uint8Array }> {
  const image = await loadImage(Buffer.from(png));
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const { data, width, height } = context.getImageData(0, 0, image.width, image.height);
  const gray = Buffer.alloc(width * height);
  for (let i = 0; i < width * height; i++) gray[i] = data[i * 4] ?? 255;
  return { jpeg: await canvas.encode('jpeg', 90), webp: await canvas.encode('webp', 90), tiff: grayscaleTiff(gray, width, height) };
}

function grayscaleTiff(pixels: Buffer, width: number, height: number): Uint8Array {
  const SHORT = 3;
  const LONG = 4;
  const fields: [tag: number, type: number, value: number][] = [
    [256, LONG, width], [257, LONG, height], [258, SHORT, 8], [259, SHORT, 1], [262, SHORT, 1],
    [273, LONG, 0 /* strip offset, set below */], [277, SHORT, 1], [278, LONG, height], [279, LONG, pixels.length], [284, SHORT, 1],
  ];
  const ifd = Buffer.alloc(2 + fields.length * 12 + 4);
  const stripOffset = 8 + ifd.length;
  ifd.writeUInt16LE(fields.length, 0);
  fields.forEach(([tag, type, value], i) => {
    const at = 2 + i * 12;
    ifd.writeUInt16LE(tag, at);
    ifd.writeUInt16LE(type, at + 2);
    ifd.writeUInt32LE(1, at + 4);
    const v = tag === 273 ? stripOffset : value;
    if (type === SHORT) ifd.writeUInt16LE(v, at + 8);
    else ifd.writeUInt32LE(v, at + 8);
  });
  return Buffer.concat([Buffer.from([0x49, 0x49, 42, 0, 8, 0, 0, 0]), ifd, pixels]);
}
