#!/usr/bin/env node
// The Node.js versions Trove needs, checked with a clear message (plain JavaScript: it runs before anything is
// installed). Node 20.19+ runs the CLI, the tests and the build; the desktop app's tooling (npm start, npm run
// dev, npm run build:native-electron, npm run dist) needs Node 22.12+, what Electron 45 and its @electron/* tooling
// declare in their "engines".
//
//   node scripts/check-node.mjs        at install (package.json preinstall): fails below 20.19, notes below 22.12
//   node scripts/check-node.mjs app    before the app's tooling: fails below 22.12
const CLI = [20, 19];
const APP = [22, 12];

const [major, minor] = process.versions.node.split('.').map(Number);
const atLeast = ([wantMajor, wantMinor]) => major > wantMajor || (major === wantMajor && minor >= wantMinor);
const name = ([a, b]) => `${a}.${b}`;

if (process.argv[2] === 'app') {
  if (!atLeast(APP)) {
    console.error(`trove: the desktop app's tooling (Electron 45) needs Node.js ${name(APP)} or newer; this is Node.js ${process.versions.node}. The CLI and the tests work on ${name(CLI)}+.`);
    process.exit(1);
  }
} else if (!atLeast(CLI)) {
  console.error(`trove: needs Node.js ${name(CLI)} or newer; this is Node.js ${process.versions.node}. Install a newer Node.js (https://nodejs.org) and run npm install again.`);
  process.exit(1);
} else if (!atLeast(APP)) {
  console.error(`trove: Node.js ${process.versions.node} runs the trove command and the tests; the desktop app's tooling (npm start, npm run dist) needs Node.js ${name(APP)}+. npm's EBADENGINE warnings about electron and @electron/* packages say the same.`);
}
