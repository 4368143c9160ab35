// --gpu-layers reaches the llama runtime: the configured value is reported, and on the CPU backend (this
// machine has no GPU) no layer is offloaded whatever was asked.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

describe('trove --gpu-layers', () => {
  it('is passed to the runtime and reported, with 0 effective layers on the CPU', async () => {
    const result = await runCli(['models', 'backend', '--json', '--backend', 'cpu', '--gpu-layers', '12', '--data-dir', await tempDir()]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ active: 'cpu', gpuLayers: { configured: 12, effective: 0 } });
  });

  it('reads TROVE_GPU_LAYERS, and refuses a value that is not a layer count', async () => {
    const fromEnv = await runCli(['models', 'backend', '--json', '--backend', 'cpu', '--data-dir', await tempDir()], { TROVE_GPU_LAYERS: 'max' });
    expect(JSON.parse(fromEnv.stdout).gpuLayers.configured).toBe('max');
    const bad = await runCli(['models', 'backend', '--gpu-layers', 'lots', '--data-dir', await tempDir()]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("is not a layer count, 'auto' or 'max'");
  });
});
