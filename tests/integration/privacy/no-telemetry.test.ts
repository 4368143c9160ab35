/**
 * Guard: the app sends nothing anywhere. No source under electron/, renderer/ or native/ may import a network
 * module, call fetch/XHR/WebSocket/sendBeacon, name a non-local URL or reference an analytics/telemetry
 * service — except the model download module (the one network access Trove makes, on request) and the e2e
 * WebSocket host, which listens on 127.0.0.1 only. No telemetry SDK may be a dependency.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const SCANNED = ['electron', 'renderer', 'native'];
const SOURCE = /\.(ts|tsx|mts|mjs|js|cjs|html)$/;

/** Files allowed to do one specific network thing, and why. */
const ALLOWED: Record<string, readonly string[]> = {
  // `trove models pull`: downloads a model the user asked for, from the manifest's URL.
  'electron/core/models/download.ts': ['fetch', 'url'],
  // The same download's first step when no SHA-256 is pinned: a HEAD for the file's metadata on the hub.
  'electron/core/models/hub-metadata.ts': ['fetch'],
  // Names the hub origin the manifest's URLs start with, so the test-only TROVE_MODEL_HUB_URL can replace it.
  'electron/core/models/download-url.ts': ['url'],
  // End-to-end tests drive the app over a WebSocket bound to 127.0.0.1 (see the file).
  'electron/host/ws-entry.ts': ['network-module'],
};

/** The local API (trove serve, the app's switch) serves HTTP on a loopback address only and refuses other Hosts; it makes no requests. */
const LOCAL_SERVER_DIR = 'electron/api/http/';

const RULES: { readonly name: string; readonly pattern: RegExp }[] = [
  { name: 'network-module', pattern: /from\s+['"](node:)?(net|tls|dgram|dns|http|https|http2)['"]|from\s+['"](ws|undici|axios|got|node-fetch|socket\.io-client)['"]|require\(\s*['"](node:)?(net|tls|dgram|dns|http|https|http2)['"]\s*\)/ },
  { name: 'fetch', pattern: /(?<![\w.-])fetch\s*\(|\bXMLHttpRequest\b|navigator\.sendBeacon|new\s+WebSocket\s*\(|new\s+EventSource\s*\(/ },
  { name: 'url', pattern: /\b(https?|wss?):\/\/(?!(localhost|127\.0\.0\.1|\[::1\])[:/'"`\s])[a-z0-9]/i },
  {
    name: 'telemetry',
    pattern: /\b(telemetry|analytics|crashReporter|sentry|mixpanel|posthog|amplitude|bugsnag|datadog|appinsights|gtag|segment\.(io|com))\b/i,
  },
];

function violations(file: string, text: string): string[] {
  const allowed = ALLOWED[file] ?? (file.startsWith(LOCAL_SERVER_DIR) ? ['network-module'] : []);
  const found: string[] = [];
  text.split('\n').forEach((line, index) => {
    for (const rule of RULES) {
      if (!allowed.includes(rule.name) && rule.pattern.test(line)) found.push(`${file}:${index + 1} [${rule.name}] ${line.trim()}`);
    }
  });
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

describe('no telemetry, no hidden network access', () => {
  it('the rules catch what they are meant to catch', () => {
    expect(violations('x.ts', "await fetch('https://api.example.com/v1')")).toHaveLength(2);
    expect(violations('x.ts', "import http from 'node:https';")).toHaveLength(1);
    expect(violations('x.ts', 'navigator.sendBeacon(u, data)')).toHaveLength(1);
    expect(violations('x.ts', "Sentry.init({ dsn }) // sentry")).toHaveLength(1);
    expect(violations('x.ts', 'const url = "wss://collector.io/ingest"')).toHaveLength(1);
    // Local addresses, word segmentation, "prefetch" and regex sources are fine.
    expect(violations('x.ts', "const dev = 'http://127.0.0.1:5173/'; segmentWords(text); prefetch(); /^https?:\\/\\//")).toEqual([]);
    expect(violations('electron/core/models/download.ts', 'await fetch(url)')).toEqual([]);
  });

  it('no source file under electron/, renderer/ or native/ reaches the network outside the allowed modules', () => {
    const files = SCANNED.flatMap((dir) => sourceFiles(join(ROOT, dir)));
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((path) => violations(relative(ROOT, path).split(sep).join('/'), readFileSync(path, 'utf8')));
    expect(found).toEqual([]);
  });

  it('no analytics or crash-reporting SDK is a dependency', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
    const telemetry = names.filter((name) => /sentry|analytics|telemetry|mixpanel|posthog|amplitude|bugsnag|datadog|segment|applicationinsights|crash/i.test(name));
    expect(telemetry).toEqual([]);
  });
});
