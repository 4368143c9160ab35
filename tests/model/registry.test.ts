import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelError } from '../../electron/core/errors.ts';
import { catalogue, modelLocations, scanModels } from '../../electron/core/models/registry.ts';
import { inspectGguf } from '../../native/llama.ts';
import { inferModelRole } from '../../native/llama/gguf-inspect-role.ts';
import { buildTinyLlama } from '../../scripts/gguf/tiny-llama.ts';
import { buildTinyLora } from '../../scripts/gguf/tiny-lora.ts';
import type { GgufDocument } from '../../scripts/gguf/types.ts';
import { gguf } from '../../scripts/gguf/values.ts';
import { serializeGguf } from '../../scripts/gguf/writer.ts';

const STORIES = '/work/shared/models/stories260K.gguf';

let dir: string;
const docs: Record<string, GgufDocument> = {};
const path = (name: string): string => join(dir, 'models', `${name}.gguf`);

/** Parameter count computed from the generator's own tensor shapes, independently of the GGUF reader. */
const paramsOf = (doc: GgufDocument): number => doc.tensors.reduce((n, t) => n + t.dims.reduce((a, d) => a * d, 1), 0);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trove-registry-'));
  await mkdir(join(dir, 'models'));
  const reranker = buildTinyLlama({ name: 'trove-tiny-scorer', seed: 3, chatTemplate: null });
  docs.chat = buildTinyLlama({ tensorType: 'F16', contextLength: 256 });
  docs.embedding = buildTinyLlama({ poolingType: 'mean', causalAttention: false, name: 'trove-tiny-encoder', nEmbd: 32, nHead: 2, chatTemplate: null });
  docs.reranker = { ...reranker, metadata: { ...reranker.metadata, 'llama.pooling_type': gguf.u32(4) } };
  docs.lora = buildTinyLora();
  docs['lora-r8'] = buildTinyLora({ rank: 8, alpha: 16, targets: ['attn_k', 'ffn_down'] });
  for (const [name, doc] of Object.entries(docs)) await writeFile(path(name), serializeGguf(doc));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('inspectGguf', () => {
  it('describes the tiny llama as a chat model from its header', async () => {
    const info = await inspectGguf(path('chat'));
    expect(info).toMatchObject({
      role: 'chat',
      architecture: 'llama',
      name: 'trove-tiny-llama',
      contextLength: 256,
      embeddingLength: 64,
      blockCount: 2,
      quantization: 'F16',
      hasChatTemplate: true,
      ggufVersion: 3,
      adapter: undefined,
    });
    expect(info.parameterCount).toBe(paramsOf(docs.chat as GgufDocument));
    expect(info.sizeBytes).toBe((await readFile(path('chat'))).length);
  });

  it('recognises an embedding model by its pooling and bidirectional attention', async () => {
    const info = await inspectGguf(path('embedding'));
    expect(info).toMatchObject({ role: 'embedding', pooling: 'mean', embeddingLength: 32, quantization: 'F32', hasChatTemplate: false });
    expect(info.roleReason).toMatch(/pooling/);
  });

  it('recognises a reranker by rank pooling', async () => {
    const info = await inspectGguf(path('reranker'));
    expect(info).toMatchObject({ role: 'reranker', pooling: 'rank' });
  });

  it('reads a LoRA adapter’s base architecture, rank, alpha and targets', async () => {
    const info = await inspectGguf(path('lora'));
    expect(info.role).toBe('adapter');
    expect(info.adapter).toEqual({ type: 'lora', baseArchitecture: 'llama', baseModel: undefined, rank: 4, alpha: 8, targets: ['attn_q', 'attn_v', 'ffn_up'] });
    const r8 = await inspectGguf(path('lora-r8'));
    expect(r8.adapter).toMatchObject({ rank: 8, alpha: 16, targets: ['attn_k', 'ffn_down'] });
    expect(r8.parameterCount).toBe(paramsOf(docs['lora-r8'] as GgufDocument));
  });

  it('reports truncated, non-GGUF and missing files with ModelError codes', async () => {
    const bytes = await readFile(path('chat'));
    const cut = join(dir, 'cut.gguf');
    await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    const headerCut = join(dir, 'header-cut.gguf');
    await writeFile(headerCut, bytes.subarray(0, 200));
    const notes = join(dir, 'notes.gguf');
    await writeFile(notes, 'not a model at all '.repeat(20));
    const cases: [string, string, RegExp][] = [
      [cut, 'MODEL_INVALID', /cut\.gguf is truncated/],
      [headerCut, 'MODEL_INVALID', /header-cut\.gguf/],
      [notes, 'MODEL_INVALID', /not a GGUF file/],
      [join(dir, 'absent.gguf'), 'MODEL_NOT_FOUND', /was not found/],
    ];
    for (const [file, code, message] of cases) {
      const error = await inspectGguf(file).catch((e: unknown) => e);
      expect(error, file).toBeInstanceOf(ModelError);
      expect((error as ModelError).code, file).toBe(code);
      expect((error as ModelError).message).toMatch(message);
      expect((error as ModelError).message).not.toContain('\n');
    }
  });

  it.skipIf(!existsSync(STORIES))('inspects the real stories260K model (optional smoke check)', async () => {
    const info = await inspectGguf(STORIES);
    expect(info).toMatchObject({ role: 'chat', architecture: 'llama', embeddingLength: 64, contextLength: 2048, blockCount: 5 });
    expect(info.parameterCount).toBeGreaterThan(200_000);
    expect(info.parameterCount).toBeLessThan(400_000);
  });
});

describe('inferModelRole', () => {
  const base = { fileType: 'model', architecture: 'llama', poolingType: undefined, causalAttention: undefined, names: [], tensorNames: [] };
  it('uses architecture, classifier heads and names', () => {
    expect(inferModelRole({ ...base, architecture: 'bert' }).role).toBe('embedding');
    expect(inferModelRole({ ...base, architecture: 'bert', tensorNames: ['cls.output.weight'] }).role).toBe('reranker');
    expect(inferModelRole({ ...base, architecture: 'qwen3', names: ['Qwen3-Reranker-0.6B'] }).role).toBe('reranker');
    expect(inferModelRole({ ...base, architecture: 'qwen3', names: ['Qwen3-Embedding-0.6B'] }).role).toBe('embedding');
    expect(inferModelRole({ ...base, fileType: 'adapter', poolingType: 1 }).role).toBe('adapter');
    expect(inferModelRole({ ...base, architecture: 'qwen2', names: ['Qwen2.5-1.5B-Instruct'] }).role).toBe('chat');
  });
});

describe('scanModels', () => {
  it('lists every usable model once, skips partial downloads and later split parts, and reports bad files', async () => {
    const models = join(dir, 'models');
    await writeFile(join(models, 'half.gguf.part'), 'partial');
    await writeFile(join(models, 'big-00002-of-00002.gguf'), 'second part');
    await writeFile(join(models, 'broken.gguf'), 'GGUF but nothing else, a damaged file');
    const locations = modelLocations({ dataDir: join(dir, 'data'), projectDir: models, userPaths: [models, join(dir, 'nowhere')], env: {} });
    expect(locations.map((l) => l.origin)).toEqual(['project', 'downloads', 'user', 'user']);

    const scan = await scanModels(locations);
    expect(scan.models.map((m) => [m.fileName, m.role, m.origin])).toEqual([
      ['chat.gguf', 'chat', 'project'],
      ['embedding.gguf', 'embedding', 'project'],
      ['lora-r8.gguf', 'adapter', 'project'],
      ['lora.gguf', 'adapter', 'project'],
      ['reranker.gguf', 'reranker', 'project'],
    ]);
    expect(scan.problems.map((p) => [p.path, p.code])).toEqual([
      [join(models, 'broken.gguf'), 'MODEL_INVALID'],
      [join(dir, 'nowhere'), 'NOT_FOUND'],
    ]);

    const listed = catalogue(
      { source: 'test', models: [{ name: 'x', role: 'chat', file: 'chat.gguf', url: null, sizeBytes: null, approxSizeBytes: 1, sha256: null, license: 'MIT', description: '' }] },
      scan,
    );
    expect(listed[0]?.installedPath).toBe(join(models, 'chat.gguf'));
  });
});
