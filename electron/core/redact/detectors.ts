/**
 * What redaction looks for. Each detector finds [start, end) ranges of secret text; where a secret sits in an
 * assignment (`password = hunter2`), only the value is the secret and the key stays searchable.
 *
 * Decisions (see tests/unit/redact): example keys in documentation (AKIAIOSFODNN7EXAMPLE) are redacted like any
 * other — telling a real key from an example is guesswork, and a missed real key is the worse mistake. "password"
 * in prose is left alone: only `key = value` / `key: value` / `"key": "value"` forms count. Card numbers must
 * pass the Luhn check and start like a real card (3–6), so order and phone numbers are not touched.
 */

export interface SecretMatch {
  readonly kind: string;
  readonly start: number;
  readonly end: number;
}

interface Detector {
  readonly kind: string;
  readonly pattern: RegExp;
  /** Capture group holding the secret: the whole match by default; 'value' = whichever value group matched. */
  readonly group?: number | 'value';
  readonly accept?: (secret: string) => boolean;
}

/** Key names whose values are secrets in config files, .env files, JSON and YAML. */
const PASSWORD_KEYS = String.raw`(?:password|passwd|pwd|passphrase|db_pass(?:word)?)`;
const SECRET_KEYS = String.raw`(?:api[_-]?key|apikey|secret(?:[_-]?key)?|client[_-]?secret|access[_-]?token|auth[_-]?token|refresh[_-]?token|private[_-]?key|token|aws_secret_access_key)`;
/** `key = value`, `key: value`, `"key": "value"`; the key may carry a prefix (DB_PASSWORD, github.token). */
const assignment = (keys: string) =>
  new RegExp(String.raw`(?<![A-Za-z0-9])(?:[A-Za-z0-9_.-]*[_.-])?${keys}["']?\s*[:=]\s*(?:"([^"\n]+)"|'([^'\n]+)'|([^\s"',;#]+))`, 'gi');

const DETECTORS: readonly Detector[] = [
  { kind: 'private-key', pattern: /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----[\s\S]*?(?:-----END \1PRIVATE KEY-----|$(?![\s\S]))/g },
  { kind: 'aws-access-key', pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Za-z0-9])/g },
  { kind: 'github-token', pattern: /(?<![A-Za-z0-9])(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,255})(?![A-Za-z0-9_])/g },
  { kind: 'slack-token', pattern: /(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,}/g },
  { kind: 'stripe-key', pattern: /(?<![A-Za-z0-9])(?:sk|rk)_live_[A-Za-z0-9]{16,}/g },
  { kind: 'openai-key', pattern: /(?<![A-Za-z0-9_-])sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g, accept: (s) => /\d/.test(s) && /[A-Za-z]/.test(s.slice(3)) },
  { kind: 'google-api-key', pattern: /(?<![A-Za-z0-9])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g },
  { kind: 'jwt', pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  // postgres://user:pass@host — only the password.
  { kind: 'url-password', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:([^\s@/]+)@/gi, group: 1 },
  { kind: 'password', pattern: assignment(PASSWORD_KEYS), group: 'value', accept: isSecretValue },
  { kind: 'secret-assignment', pattern: assignment(SECRET_KEYS), group: 'value', accept: isSecretValue },
  { kind: 'payment-card', pattern: /(?<![\d.-])[3-6]\d{3}(?:[ -]?\d){9,15}(?![\d-])/g, accept: isCardNumber },
];

export function findSecrets(text: string): SecretMatch[] {
  const found: SecretMatch[] = [];
  for (const detector of DETECTORS) {
    for (const match of text.matchAll(detector.pattern)) {
      const group = detector.group === 'value' ? firstGroup(match) : (detector.group ?? 0);
      const secret = group === 0 ? match[0] : match[group];
      if (secret === undefined || secret === '') continue;
      if (detector.accept && !detector.accept(secret)) continue;
      const start = (match.index ?? 0) + (group === 0 ? 0 : match[0].lastIndexOf(secret));
      found.push({ kind: detector.kind, start, end: start + secret.length });
    }
  }
  return withoutOverlaps(found);
}

/** Assignment patterns capture the value in one of three groups (double-quoted, single-quoted, bare). */
function firstGroup(match: RegExpMatchArray): number {
  for (let i = 1; i < match.length; i++) if (match[i] !== undefined) return i;
  return 0;
}

/** Placeholders, variables and empty-ish words are not secrets: `password: ${DB_PASS}`, `token = <your token>`. */
function isSecretValue(value: string): boolean {
  if (value.length < 4) return false;
  if (/^[$<%{[(*]|^process\.env|^os\.environ|^env\(/i.test(value)) return false;
  if (/^\[REDACTED:/.test(value)) return false;
  return !/^(?:null|none|nil|true|false|undefined|required|optional|string|example|changeme_placeholder|x+|\*+)$/i.test(value);
}

function isCardNumber(candidate: string): boolean {
  const digits = candidate.replace(/[ -]/g, '');
  if (digits.length < 13 || digits.length > 19) return false;
  // One separator style throughout ("4111 1111 1111 1111" or "4111-1111-…"), not a mix.
  if (/ /.test(candidate) && /-/.test(candidate)) return false;
  return luhnValid(digits);
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** Keeps the earliest (then longest) of overlapping matches: a JWT inside `token = …` is one redaction. */
function withoutOverlaps(matches: SecretMatch[]): SecretMatch[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: SecretMatch[] = [];
  for (const match of sorted) {
    const last = kept[kept.length - 1];
    if (last && match.start < last.end) {
      if (match.end > last.end) kept[kept.length - 1] = { ...last, end: match.end };
      continue;
    }
    kept.push(match);
  }
  return kept;
}
