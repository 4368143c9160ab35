import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LlamaReranker } from '../../../electron/core/models/llama-reranker.ts';
import { inspectGguf } from '../../../native/llama.ts';
import { useTestZoo } from '../../helpers/test-zoo.ts';

const QUERY = 'when is the tax return due';
const DOCUMENTS = ['The tax return is due on 15 May.', 'Cats sleep for most of the day.', 'Receipts are kept in the blue folder.'];

const FAMILIES = [
  // A BertForSequenceClassification cross-encoder: [CLS] query [SEP] document [SEP], one relevance logit (sigmoid).
  { id: 'ms-marco-minilm-l6-v2', architecture: 'bert', head: 'cls.output.weight' },
  // An LLM reranker: the scoring prompt from tokenizer.chat_template.rerank, softmax over its yes/no head.
  { id: 'qwen3-reranker-0.6b', architecture: 'qwen3', head: 'cls.output.weight' },
] as const;

const zooModel = useTestZoo();

describe.each(FAMILIES)('$id reranker (tiny, $architecture)', (family) => {
  let reranker: LlamaReranker;
  beforeAll(async () => {
    reranker = await LlamaReranker.load(zooModel(family.id), { threads: 2, contextSize: 512 });
  });
  afterAll(async () => {
    await reranker?.dispose();
  });

  it('is registered as a reranker from its header', async () => {
    const info = await inspectGguf(zooModel(family.id));
    expect(info.role).toBe('reranker');
    expect(info.architecture).toBe(family.architecture);
    expect(info.pooling).toBe('rank');
  });

  it('scores every document with a probability, the same way each time', async () => {
    const scores = await reranker.rank(QUERY, DOCUMENTS);
    expect(scores).toHaveLength(DOCUMENTS.length);
    for (const s of scores) {
      expect(Number.isFinite(s)).toBe(true);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
    }
    // Random weights give meaningless but input-dependent scores.
    expect(new Set(scores).size).toBe(DOCUMENTS.length);
    expect(await reranker.rank(QUERY, DOCUMENTS)).toEqual(scores);
    // A document's score does not depend on the others it is ranked with.
    expect(await reranker.rank(QUERY, [DOCUMENTS[1] as string])).toEqual([scores[1]]);
  });
});
