#!/usr/bin/env node
// The `trove` command. The CLI is TypeScript run through tsx, so it works right after `npm install` with no
// build step and always runs the current sources.
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli/main.ts');
