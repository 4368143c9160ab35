// The layering rules live in eslint.config.js; these tests prove they fire, so a refactor of the config
// cannot silently drop them.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImportMessages(source: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('architecture lint rules', () => {
  it.each([
    ["import { app } from 'electron';", 'Electron'],
    ["import React from 'react';", 'React'],
    ["import { App } from '../../renderer/app.tsx';", 'UI'],
    ["import Database from 'better-sqlite3';", 'native/'],
    ["import { getLlama } from 'node-llama-cpp';", 'native/'],
    ["import { createWorker } from 'tesseract.js';", 'native/'],
    ["import { createCanvas } from '@napi-rs/canvas';", 'native/'],
  ])('keeps %s out of the engine', async (source, expected) => {
    const messages = await restrictedImportMessages(`${source}\nexport const x = 1;\n`, 'electron/core/search/example.ts');
    expect(messages.join(' ')).toContain(expected);
  });

  it('lets native/ open SQLite and the engine import node built-ins', async () => {
    expect(await restrictedImportMessages("import Database from 'better-sqlite3';\nexport const d = Database;\n", 'native/example.ts')).toEqual([]);
    expect(await restrictedImportMessages("import { stat } from 'node:fs/promises';\nexport const s = stat;\n", 'electron/core/example.ts')).toEqual([]);
  });
});
