import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Writes `files` (relative path → content) under `root`. */
export async function writeFiles(root: string, files: Record<string, string | Uint8Array>): Promise<void> {
  for (const [relative, content] of Object.entries(files)) {
    const path = join(root, relative);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  }
}

/** A small mixed folder: the words in each file are distinctive so tests can search for one file. */
export const SAMPLE_FILES: Record<string, string> = {
  'handbook/vacation.md': [
    '# Employee handbook',
    '',
    '## Vacation policy',
    '',
    'Employees accrue twenty days of paid vacation per year.',
    'Unused vacation days carry over until March.',
    '',
    '## Expenses',
    '',
    'Submit receipts for reimbursement within thirty days.',
  ].join('\n'),
  'notes/meeting.txt': 'Meeting notes\n\nThe quarterly roadmap review moved to Thursday.\nBring the budget spreadsheet.\n',
  'site/index.html':
    '<html><head><title>Onboarding</title></head><body><nav>Home | About | Contact</nav>' +
    '<main><h1>Onboarding guide</h1><p>New hires receive a laptop on their first day.</p></main>' +
    '<footer>Copyright footer text</footer></body></html>',
  'data/offices.csv': 'city,country,desks\nLisbon,Portugal,40\nOsaka,Japan,25\n',
  'config/settings.json': '{\n  "theme": "dark",\n  "telemetry": false\n}\n',
  'src/greeting.ts': 'export function greet(name: string): string {\n  return `Hello, ${name}`;\n}\n',
  'i18n/tokyo.md': '# 東京の案内\n\n東京都は日本の首都です。\n',
  'i18n/cafe.md': '# Le café\n\nLe café crème est servi à Zürich.\n',
};

/** Issue 11's office folder: the receipts example and three neighbours that share some of its words. */
export const OFFICE_FILES: Record<string, string> = {
  'finance/receipts.md': 'Receipts go to finance within 30 days.\n',
  'office/kitchen.md': 'The kitchen is cleaned every Friday. Please label your food in the fridge.\n',
  'it/laptops.txt': 'New laptops are set up by the IT desk on your first day. Bring your badge.\n',
  'travel/trains.md': 'Book train tickets through the travel portal at least a week ahead.\n',
};
