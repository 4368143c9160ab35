/**
 * commander requires node:child_process at load, for executable subcommands (`trove-<name>` programs), which
 * Trove never defines. Loading it compiles net, dgram and the stream modules: ~6 ms of every `trove` start. This
 * esbuild plugin hands commander, and only commander, a stand-in that fetches the real module on first use.
 */
import { sep } from 'node:path';
import type { Plugin } from 'esbuild';

const NAMESPACE = 'trove-lazy-child-process';

export const lazyChildProcessForCommander: Plugin = {
  name: 'lazy-child-process-for-commander',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes(`${sep}node_modules${sep}commander${sep}`) ? { path: 'child_process', namespace: NAMESPACE } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, () => ({
      loader: 'js',
      contents: "module.exports = new Proxy({}, { get: (_target, key) => process.getBuiltinModule('node:child_process')[key] });",
    }));
  },
};
