#!/usr/bin/env node
// The `trove` command. Runs the JavaScript bundle that `npm install` builds (out/app/cli.mjs, from
// scripts/build-app.ts), so no TypeScript is compiled at start. TROVE_FROM_SOURCES=1 runs the TypeScript sources
// through tsx instead (for developers between edits and a rebuild); so does a checkout whose bundle is missing,
// after saying so. TROVE_DEBUG=1 turns on source maps, so stack traces name the TypeScript files.
import { existsSync, readFileSync } from 'node:fs';

const bundle = new URL('../out/app/cli.mjs', import.meta.url);
const sources = new URL('../electron/cli/main.ts', import.meta.url);
const fromSources = Boolean(process.env.TROVE_FROM_SOURCES);

if (process.env.TROVE_DEBUG) process.setSourceMapsEnabled(true);

// `trove --version` alone is answered here, without loading the CLI (what electron/cli/version.ts prints too).
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
  process.exit(0);
}

if (!fromSources && existsSync(bundle)) {
  await import(bundle.href);
} else if (existsSync(sources)) {
  if (!fromSources) {
    process.stderr.write('trove: the built CLI (out/app/cli.mjs) is missing, so the TypeScript sources run instead (slower start). Run `npm run build` to build it.\n');
  }
  const { register } = await import('tsx/esm/api');
  register();
  await import(sources.href);
} else {
  process.stderr.write('trove: the built CLI (out/app/cli.mjs) is missing. Reinstall Trove (npm install builds it).\n');
  process.exitCode = 1;
}
