import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_PREFIXES } from '../../../electron/core/models/embedding-prefixes.ts';
import { LlamaEmbedder } from '../../../electron/core/models/llama-embedder.ts';
import { disposeLlamaRuntime, getLlamaRuntime, inspectGguf, readGgufFileInfo } from '../../../native/llama.ts';
import { ensureTestZoo, zooPath, type TestZoo } from '../../../scripts/generate-model-zoo.ts';
import { ZOO, zooEntry } from '../../../scripts/gguf/zoo/families.ts';
import { writeGgufFile } from '../../../scripts/gguf/writer.ts';

let zoo: TestZoo;
let dir: string;
beforeAll(async () => {
  zoo = await ensureTestZoo();
  dir = await mkdtemp(join(tmpdir(), 'trove-zoo-files-'));
});
afterAll(async () => {
  await disposeLlamaRuntime();
  await rm(dir, { recursive: true, force: true });
});

const metadataOf = async (path: string): Promise<Record<string, unknown>> => flatten((await readGgufFileInfo(path, { logWarnings: false })).metadata);

function flatten(obj: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) flatten(v, `${prefix}${k}.`, out);
    else out[`${prefix}${k}`] = v;
  }
  return out;
}

describe('the tiny zoo', () => {
  it('has every family, each file carrying its architecture and tokenizer', async () => {
    expect(Object.keys(zoo).sort()).toEqual(ZOO.filter((e) => e.inTestZoo).map((e) => e.id).sort());
    for (const entry of ZOO.filter((e) => e.inTestZoo)) {
      const meta = await metadataOf(zooPath(zoo, entry.id));
      expect(meta['general.architecture'], entry.id).toBe(entry.architecture);
      if (entry.role !== 'adapter') expect(meta['tokenizer.ggml.model'], entry.id).toMatch(/^(gpt2|llama|bert)$/);
    }
  });

  it('is offered in the right role by the registry, from the header alone', async () => {
    for (const entry of ZOO.filter((e) => e.inTestZoo)) expect((await inspectGguf(zooPath(zoo, entry.id))).role, entry.id).toBe(entry.role);
  });

  it("writes each architecture's own hyper-parameter keys", async () => {
    const granite = await metadataOf(zooPath(zoo, 'granite-3.3-2b-instruct'));
    expect(granite).toMatchObject({ 'granite.embedding_scale': 12, 'granite.residual_scale': expect.closeTo(0.22, 6), 'granite.logit_scale': 8, 'granite.attention.scale': 0.015625 });
    const gemma = await metadataOf(zooPath(zoo, 'gemma-3-1b-it'));
    expect(gemma).toMatchObject({ 'gemma3.attention.sliding_window': 512, 'tokenizer.ggml.add_space_prefix': false, 'tokenizer.ggml.add_bos_token': true });
    const qwen3 = await metadataOf(zooPath(zoo, 'qwen3-0.6b'));
    // Qwen3's heads are wider than hidden size / heads.
    expect(qwen3['qwen3.attention.key_length']).toBe(32);
    expect(qwen3['qwen3.embedding_length']).toBe(64);
    const bge = await metadataOf(zooPath(zoo, 'bge-small-en-v1.5'));
    expect(bge).toMatchObject({ 'bert.pooling_type': 2, 'bert.attention.causal': false, 'tokenizer.ggml.cls_token_id': 101, 'tokenizer.ggml.seperator_token_id': 102 });
    const nomic = await metadataOf(zooPath(zoo, 'nomic-embed-text-v1.5'));
    expect(nomic).toMatchObject({ 'nomic-bert.pooling_type': 1, 'nomic-bert.rope.freq_base': 1000 });
    const reranker = await metadataOf(zooPath(zoo, 'qwen3-reranker-0.6b'));
    expect(reranker['tokenizer.chat_template.rerank']).toMatch(/<Query>: \{query\}\n<Document>: \{document\}/);
  });
});

describe('the real shapes (benchmarks)', () => {
  // Parameter counts published for the real checkpoints (GGUF keeps Llama 3's 32 rope factors, drops bge's pooler).
  const PUBLISHED: Readonly<Record<string, number>> = {
    'qwen2.5-0.5b-instruct': 494_032_768,
    'qwen2.5-1.5b-instruct': 1_543_714_304,
    'qwen3-0.6b': 596_049_920,
    'llama-3.2-1b-instruct': 1_235_814_400 + 32,
    'gemma-3-1b-it': 999_885_952,
    'granite-3.3-2b-instruct': 2_533_531_648,
    'bge-small-en-v1.5': 33_360_000 - (384 * 384 + 384),
  };

  it.each(Object.entries(PUBLISHED))('%s has the published parameter count', (id, count) => {
    // Tensors are drawn only when written, so describing a multi-GB model costs nothing.
    const doc = zooEntry(id).build('real', 'Q8_0');
    expect(doc.tensors.reduce((n, t) => n + t.dims.reduce((a, d) => a * d, 1), 0)).toBe(count);
  });
});

describe('Q8_0 files', () => {
  it('load in llama.cpp and embed like the F16 file', async () => {
    await getLlamaRuntime({ threads: 2 });
    const q8Path = join(dir, 'bge-small-en-v1.5.tiny.Q8_0.gguf');
    await writeGgufFile(q8Path, zooEntry('bge-small-en-v1.5').build('tiny', 'Q8_0'));
    const info = await readGgufFileInfo(q8Path, { readTensorInfo: true, logWarnings: false });
    expect(info.tensorInfo?.find((t) => t.name === 'blk.0.attn_q.weight')?.ggmlType).toBe(8);
    const q8 = await LlamaEmbedder.load(q8Path, { threads: 2, contextSize: 128, prefixes: NO_PREFIXES });
    const f16 = await LlamaEmbedder.load(zooPath(zoo, 'bge-small-en-v1.5'), { threads: 2, contextSize: 128, prefixes: NO_PREFIXES });
    try {
      const [a, b] = [await q8.embedQuery('The tax return is due on 15 May.'), await f16.embedQuery('The tax return is due on 15 May.')];
      const cosine = a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);
      expect(cosine).toBeGreaterThan(0.99);
      expect(cosine).toBeLessThan(1);
    } finally {
      await q8.dispose();
      await f16.dispose();
    }
  });
});
