// Electron's utilityProcess runs JavaScript: register tsx, then load the TypeScript host (as bin/trove.mjs does).
import { register } from 'tsx/esm/api';

register();
await import('./utility-entry.ts');
