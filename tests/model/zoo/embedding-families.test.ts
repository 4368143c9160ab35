import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BGE_QUERY_INSTRUCTION, NO_PREFIXES } from '../../../electron/core/models/embedding-prefixes.ts';
import { LlamaEmbedder } from '../../../electron/core/models/llama-embedder.ts';
import { disposeLlamaRuntime, getLlamaRuntime, inspectGguf } from '../../../native/llama.ts';
import { ensureTestZoo, zooPath, type TestZoo } from '../../../scripts/generate-model-zoo.ts';
import { zooEntry } from '../../../scripts/gguf/zoo/families.ts';
import type { GgufDocument } from '../../../scripts/gguf/types.ts';
import { gguf } from '../../../scripts/gguf/values.ts';
import { writeGgufFile } from '../../../scripts/gguf/writer.ts';

const dot = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);

const QUERY = 'when is the tax return due';
const DOCUMENT = 'The tax return is due on 15 May.';

interface EmbeddingFamily {
  readonly id: string;
  readonly architecture: string;
  readonly pooling: string;
  readonly prefixes: { readonly query: string; readonly document: string };
}

const FAMILIES: readonly EmbeddingFamily[] = [
  { id: 'bge-small-en-v1.5', architecture: 'bert', pooling: 'cls', prefixes: { query: BGE_QUERY_INSTRUCTION, document: '' } },
  { id: 'nomic-embed-text-v1.5', architecture: 'nomic-bert', pooling: 'mean', prefixes: { query: 'search_query: ', document: 'search_document: ' } },
];

let zoo: TestZoo;
let dir: string;
beforeAll(async () => {
  zoo = await ensureTestZoo();
  dir = await mkdtemp(join(tmpdir(), 'trove-zoo-embed-'));
  await getLlamaRuntime({ threads: 2 });
});
afterAll(async () => {
  await disposeLlamaRuntime();
  await rm(dir, { recursive: true, force: true });
});

describe.each(FAMILIES)('$id embedder (tiny, $architecture)', (family) => {
  let auto: LlamaEmbedder;
  let plain: LlamaEmbedder;
  beforeAll(async () => {
    auto = await LlamaEmbedder.load(zooPath(zoo, family.id), { threads: 2, contextSize: 256 });
    plain = await LlamaEmbedder.load(zooPath(zoo, family.id), { threads: 2, contextSize: 256, prefixes: NO_PREFIXES });
  });
  afterAll(async () => {
    await auto?.dispose();
    await plain?.dispose();
  });

  it('reads the pooling type from the file', async () => {
    expect(auto.pooling).toBe(family.pooling);
    expect((await inspectGguf(zooPath(zoo, family.id))).pooling).toBe(family.pooling);
  });

  it("chooses the family's query and document prefixes from the GGUF metadata", async () => {
    expect(auto.prefixes).toEqual(family.prefixes);
    // The query is embedded as the family expects: exactly as the bare model embeds prefix + query.
    const query = await auto.embedQuery(QUERY);
    expect(dot(query, await plain.embedQuery(family.prefixes.query + QUERY))).toBeCloseTo(1, 5);
    expect(dot(query, await plain.embedQuery(QUERY))).toBeLessThan(0.999);
    const [document] = await auto.embedDocuments([DOCUMENT]);
    const [expected] = await plain.embedDocuments([family.prefixes.document + DOCUMENT]);
    expect(dot(document as Float32Array, expected as Float32Array)).toBeCloseTo(1, 5);
  });

  it('names a document prefix in the model id, since it changes every stored vector', () => {
    if (family.prefixes.document === '') expect(auto.modelId).toBe(plain.modelId);
    else expect(auto.modelId).toBe(`${plain.modelId}:doc-prefix=${JSON.stringify(family.prefixes.document)}`);
  });
});

describe('pooling comes from the file', () => {
  /** The tiny bge with another `bert.pooling_type`, same weights and vocabulary. */
  async function bgeWithPooling(pooling: number, name: string): Promise<string> {
    const doc = zooEntry('bge-small-en-v1.5').build('tiny', 'F16');
    const path = join(dir, name);
    await writeGgufFile(path, { ...doc, metadata: { ...doc.metadata, 'bert.pooling_type': gguf.u32(pooling) } } satisfies GgufDocument);
    return path;
  }

  it('gives different vectors for CLS and mean pooling of the same weights', async () => {
    const cls = await LlamaEmbedder.load(await bgeWithPooling(2, 'bge-cls.gguf'), { threads: 2, contextSize: 256, prefixes: NO_PREFIXES });
    const mean = await LlamaEmbedder.load(await bgeWithPooling(1, 'bge-mean.gguf'), { threads: 2, contextSize: 256, prefixes: NO_PREFIXES });
    try {
      expect([cls.pooling, mean.pooling]).toEqual(['cls', 'mean']);
      const [a, b] = [await cls.embedQuery(DOCUMENT), await mean.embedQuery(DOCUMENT)];
      expect(dot(a, b)).toBeLessThan(0.99);
      // Deterministic: the same file and text give the same vector.
      expect(dot(a, await cls.embedQuery(DOCUMENT))).toBeCloseTo(1, 6);
    } finally {
      await cls.dispose();
      await mean.dispose();
    }
  });
});
