/**
 * Entries the main process starts or points at, from the build (out/app) or from the sources. The engine host's entry for utilityProcess.fork: the built host beside the built main process
 * (out/app/host.mjs), or, when the main process runs from its TypeScript sources (electron/main/entry.mjs), the
 * host's tsx entry (electron/host/utility-entry.mjs).
 */
import { fileURLToPath } from 'node:url';

export function hostEntry(mainModuleUrl: string): string {
  const fromSources = mainModuleUrl.endsWith('.ts');
  return fileURLToPath(new URL(fromSources ? '../host/utility-entry.mjs' : './host.mjs', mainModuleUrl));
}

/** The CLI the "Install the trove command" launcher runs: the built one beside the main process, or bin/trove.mjs. */
export function cliEntry(mainModuleUrl: string): string {
  const fromSources = mainModuleUrl.endsWith('.ts');
  return fileURLToPath(new URL(fromSources ? '../../bin/trove.mjs' : './cli.mjs', mainModuleUrl));
}
