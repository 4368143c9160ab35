/**
 * What the job worker needs to know about a folder besides its row: its ignore rules and size limit, built
 * from the folder's settings. Cached per folder and dropped when settings or ignore files change.
 */
import type { FolderCatalog, FolderRow } from '../ports.ts';
import { IgnoreRules } from './ignore-rules.ts';

export interface FolderScope {
  readonly folder: FolderRow;
  readonly rules: IgnoreRules;
  readonly maxFileBytes: number;
}

export class FolderScopes {
  private readonly cache = new Map<number, FolderScope>();

  constructor(
    private readonly folders: FolderCatalog,
    private readonly defaultMaxFileBytes: number,
  ) {}

  /** The folder's scope, or undefined when the folder is no longer registered. */
  async get(folderId: number): Promise<FolderScope | undefined> {
    const cached = this.cache.get(folderId);
    if (cached) return cached;
    const folder = await this.folders.byId(folderId);
    if (!folder) return undefined;
    const settings = await this.folders.settings(folderId);
    const scope: FolderScope = {
      folder,
      rules: new IgnoreRules(folder.path, settings.exclude ?? []),
      maxFileBytes: settings.maxFileBytes ?? this.defaultMaxFileBytes,
    };
    this.cache.set(folderId, scope);
    return scope;
  }

  /** Forget one folder's scope (settings changed, folder forgotten), or all of them. */
  invalidate(folderId?: number): void {
    if (folderId === undefined) this.cache.clear();
    else this.cache.delete(folderId);
  }
}
