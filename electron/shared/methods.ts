/**
 * The method names of the contract as runtime values: the preload builds `window.trove` from them, the main
 * process registers exactly one handler per name, the host serves HOST_METHODS. `satisfies` keeps each list
 * in step with the types in api.ts (a missing or extra name does not compile).
 */
import type { ApiMethod, HostMethod, ShellMethods } from './api.ts';

type ExactKeys<K extends string> = { readonly [P in K]: true };

const HOST: ExactKeys<HostMethod> = {
  status: true,
  addFolder: true,
  removeFolder: true,
  setFolderPaused: true,
  setFolderOcr: true,
  search: true,
  listConversations: true,
  getConversation: true,
  deleteConversation: true,
  ask: true,
  stopAnswer: true,
  getPassage: true,
  listModels: true,
  setChatModel: true,
  setEmbeddingModel: true,
  attachAdapter: true,
  setAdapterScale: true,
  detachAdapter: true,
  listAdapters: true,
  addAdapterFile: true,
  forgetAdapterFile: true,
  downloadModel: true,
  cancelDownload: true,
  privacy: true,
  setAuditEnabled: true,
  setFolderRedaction: true,
  apiServer: true,
  setApiServer: true,
  teamIndex: true,
  setTeamIndex: true,
  compareAnswers: true,
  markAnswer: true,
  exportFeedback: true,
  resolveIndexedFile: true,
};

const SHELL: ExactKeys<keyof ShellMethods> = {
  chooseFolder: true,
  chooseModelFile: true,
  chooseAdapterFile: true,
  chooseExportFile: true,
  openFile: true,
  revealFile: true,
};

export const HOST_METHODS = Object.keys(HOST) as HostMethod[];
export const SHELL_METHODS = Object.keys(SHELL) as (keyof ShellMethods)[];
/** Host methods the window must not call: only the main process asks them. */
export const MAIN_ONLY_METHODS: readonly HostMethod[] = ['resolveIndexedFile'];
/** Every method the window may call, in a stable order. */
export const API_METHODS = [...HOST_METHODS.filter((m) => !MAIN_ONLY_METHODS.includes(m)), ...SHELL_METHODS] as ApiMethod[];

export function isShellMethod(name: string): name is keyof ShellMethods {
  return Object.hasOwn(SHELL, name);
}

export function isApiMethod(name: string): name is ApiMethod {
  return (API_METHODS as string[]).includes(name);
}
