/** The app's "Let other apps on this computer use Trove": off by default, runs the local API in the host, remembered. */
import { afterEach, describe, expect, test } from 'vitest';
import type { ApiServerView, Reply } from '../../../electron/shared/api.ts';
import { startHost, type Host } from '../../../electron/host/host.ts';
import { connectRpc } from '../../../electron/shared/rpc.ts';
import { portPair } from '../../helpers/port-pair.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();
let host: Host | undefined;
afterEach(async () => {
  await host?.dispose();
  host = undefined;
});

async function call(dataDir: string, method: 'apiServer' | 'setApiServer', params: object): Promise<ApiServerView> {
  const [hostSide, clientSide] = portPair();
  (host as Host).connect(hostSide);
  const reply = (await connectRpc(clientSide).call(method, params)) as Reply<ApiServerView>;
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value;
}

describe('the API switch in the host', () => {
  test('is off by default; on, it serves the API with the token; the choice survives a restart; off stops it', async () => {
    const dataDir = await tempDir();
    host = await startHost({ dataDir, apiPort: 0 });
    expect(await call(dataDir, 'apiServer', {})).toEqual({ enabled: false, url: null, token: null, error: null });
    const on = await call(dataDir, 'setApiServer', { enabled: true });
    expect(on.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const models = await fetch(`${on.url}/v1/models`, { headers: { Authorization: `Bearer ${on.token}` } });
    expect(models.status).toBe(200);
    expect((await fetch(`${on.url}/v1/models`)).status).toBe(401);
    await host.dispose();
    host = await startHost({ dataDir, apiPort: 0 });
    const restored = await call(dataDir, 'apiServer', {});
    expect(restored).toMatchObject({ enabled: true, token: on.token });
    const off = await call(dataDir, 'setApiServer', { enabled: false });
    expect(off).toEqual({ enabled: false, url: null, token: null, error: null });
    await expect(fetch(`${restored.url}/v1/models`)).rejects.toThrow();
  });
});
