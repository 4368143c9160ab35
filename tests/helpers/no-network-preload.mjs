// Preload for the CLI privacy test: `node --import <this> bin/trove.mjs …`. Installs the network block before
// Trove starts; any attempt is reported on stderr and makes the process exit with code 97, even when the code
// that tried swallowed the error.
import { register } from 'tsx/esm/api';

register();
const { blockNetwork } = await import('./no-network.ts');
const { attempts } = blockNetwork((attempt) => process.stderr.write(`NETWORK ATTEMPT: ${attempt.api} ${attempt.target}\n`));
process.on('exit', () => {
  if (attempts.length > 0) process.exitCode = 97;
});
