import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_THRESHOLDS,
  resolveThresholds,
  storedThreshold,
  storeThreshold,
  thresholdKey,
} from '../../../electron/core/answer/relevance-thresholds.ts';
import { Store } from '../../../electron/core/store/sqlite/store.ts';

let store: Store | undefined;
afterEach(() => store?.dispose());

const calibration = { threshold: 0.42, precision: 0.9, recall: 0.8, wronglyDeclined: 0.04, examples: 50 };

describe('relevance thresholds in the index meta table', () => {
  it('uses the built-in defaults until a threshold is calibrated, and only for signals whose model is in use', () => {
    store = Store.open(':memory:');
    expect(resolveThresholds(store.meta, {})).toEqual({ lexical: { value: DEFAULT_THRESHOLDS.lexical, source: 'default' } });
    expect(resolveThresholds(store.meta, { reranker: 'bge-reranker.gguf', embedding: 'fp-1' })).toEqual({
      lexical: { value: DEFAULT_THRESHOLDS.lexical, source: 'default' },
      reranker: { value: DEFAULT_THRESHOLDS.reranker, source: 'default' },
      embedding: { value: DEFAULT_THRESHOLDS.embedding, source: 'default' },
    });
  });

  it('stores a calibrated threshold with the model it was measured for; another model keeps the default', () => {
    store = Store.open(':memory:');
    const stored = storeThreshold(store.meta, 'reranker', 'bge-reranker.gguf', calibration, 1_700_000_000_000);
    expect(stored).toEqual({ ...calibration, calibratedAt: 1_700_000_000_000 });
    expect(storedThreshold(store.meta, 'reranker', 'bge-reranker.gguf')).toEqual(stored);
    expect(resolveThresholds(store.meta, { reranker: 'bge-reranker.gguf' }).reranker).toEqual({ value: 0.42, source: 'calibrated' });
    expect(resolveThresholds(store.meta, { reranker: 'other-reranker.gguf' }).reranker).toEqual({ value: DEFAULT_THRESHOLDS.reranker, source: 'default' });
    storeThreshold(store.meta, 'embedding', 'fp-1', { ...calibration, threshold: 0.7 }, 1);
    storeThreshold(store.meta, 'lexical', undefined, { ...calibration, threshold: 0.33 }, 1);
    expect(resolveThresholds(store.meta, { embedding: 'fp-1' })).toEqual({
      lexical: { value: 0.33, source: 'calibrated' },
      embedding: { value: 0.7, source: 'calibrated' },
    });
    expect(resolveThresholds(store.meta, { embedding: 'fp-2' }).embedding?.source).toBe('default');
  });

  it('falls back to the default when the stored value is damaged', () => {
    store = Store.open(':memory:');
    store.meta.set(thresholdKey('reranker', 'r.gguf'), '{not json');
    expect(resolveThresholds(store.meta, { reranker: 'r.gguf' }).reranker?.source).toBe('default');
    store.meta.set(thresholdKey('reranker', 'r.gguf'), JSON.stringify({ threshold: 'high' }));
    expect(storedThreshold(store.meta, 'reranker', 'r.gguf')).toBeUndefined();
  });

  it('keys a model signal by its model, and refuses to store one without it', () => {
    expect(thresholdKey('reranker', 'r.gguf')).toBe('relevance_threshold:reranker:r.gguf');
    expect(thresholdKey('lexical')).toMatch(/^relevance_threshold:lexical:/);
    expect(() => thresholdKey('embedding')).toThrow(/belongs to a model/);
  });
});
