/** A second generated LoRA adapter for the tiny model (other weights than the zoo's), for comparing two adapters. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildTinyLora } from '../../scripts/gguf/tiny-lora.ts';
import { serializeGguf } from '../../scripts/gguf/writer.ts';

export async function writeSecondAdapter(dir: string): Promise<string> {
  const path = join(dir, 'tiny-llama-lora-b.gguf');
  await writeFile(path, serializeGguf(buildTinyLora({ seed: 23 })));
  return path;
}
