/**
 * The settings a person chooses, kept in the index's meta table, each key spelled once here: the models, the
 * adapters, the audit log, the local API server, and the relevance thresholds calibrated on their own questions
 * (answer/relevance-thresholds.ts). A rebuilt index carries all of them over (store/sqlite/rebuild.ts); the other
 * meta rows (vector layout, fingerprints) describe the old index's contents and are made anew.
 */
/** Where the settings are kept: key → text (the local index's meta table). */
export interface Settings {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  delete(key: string): void;
}

export const SETTING_KEYS = {
  embedModel: 'embed_model',
  chatModel: 'chat_model',
  rerankModel: 'rerank_model',
  auditLog: 'audit_log',
  /** Adapter files added to the library. */
  adapterFiles: 'adapter_files',
  /** Adapters in use in the app. */
  appAdapters: 'app_adapters',
  apiServer: 'api_server',
} as const;

/** Keys of calibrated relevance thresholds start so: `relevance_threshold:<signal>:<model>`. */
export const RELEVANCE_THRESHOLD_PREFIX = 'relevance_threshold:';

const CHOSEN: ReadonlySet<string> = new Set(Object.values(SETTING_KEYS));

/** Whether a meta key holds something the person chose (kept when the index is rebuilt). */
export function isChosenSetting(key: string): boolean {
  return CHOSEN.has(key) || key.startsWith(RELEVANCE_THRESHOLD_PREFIX);
}
