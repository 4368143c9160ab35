/**
 * `npm run dev`: the renderer from Vite's dev server (hot reload) inside Electron. The main process allows the
 * dev server's origin only when TROVE_DEV_SERVER is set, which only this script does.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'vite';
import { ensureElectron } from './ensure-electron.ts';

ensureElectron();
const electronBinary = createRequire(import.meta.url)('electron') as string;
const server = await createServer({ configFile: 'vite.renderer.config.ts' });
await server.listen();
server.printUrls();
const url = server.resolvedUrls?.local[0];
if (!url) throw new Error('The Vite dev server did not report a local URL');
const app = spawn(electronBinary, ['.'], { stdio: 'inherit', env: { ...process.env, TROVE_DEV_SERVER: url } });
app.on('exit', (code) => {
  void server.close().then(() => process.exit(code ?? 0));
});
