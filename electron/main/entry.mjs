// Electron's entry (package.json "main"): register tsx, then load the TypeScript main process, as bin/trove.mjs does.
import { register } from 'tsx/esm/api';

register();
await import('./index.ts');
