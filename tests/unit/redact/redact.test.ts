/**
 * Redaction on realistic samples and near misses. Secrets are assembled from pieces so this file itself does
 * not look like a leaked credential to secret scanners.
 */
import { describe, expect, it } from 'vitest';
import { findSecrets, luhnValid } from '../../../electron/core/redact/detectors.ts';
import { redactBlocks, redactText } from '../../../electron/core/redact/redact.ts';
import type { TextBlock } from '../../../electron/core/types.ts';

const j = (...parts: string[]) => parts.join('');
const AWS = j('AKIA', 'Z3MPLQ7RXK2B4N6W');
const GHP = j('ghp_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8');
const GH_PAT = j('github_pat_', '11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEF');
const SLACK = j('xoxb-', '123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx');
const STRIPE = j('sk_live_', '51H8xYzAbCdEfGhIjKlMnOp');
const OPENAI = j('sk-proj-', 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z');
const GOOGLE = j('AIza', 'SyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY');
const JWT = j('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', '.', 'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ', '.', 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c');
const KEY = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun', 'VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK', '-----END RSA PRIVATE KEY-----'].join('\n');
const VISA = '4111 1111 1111 1111';

const kinds = (text: string) => redactText(text).redactions.map((r) => r.kind);

describe('redactText: realistic secrets', () => {
  it.each([
    ['aws-access-key', `aws_access_key_id=${AWS}`],
    ['github-token', `git clone https://x:${GHP}@example.invalid/repo`],
    ['github-token', `GH_TOKEN ${GH_PAT}`],
    ['slack-token', `SLACK_BOT ${SLACK}`],
    ['stripe-key', `Stripe.api_key -> ${STRIPE}`],
    ['openai-key', `OPENAI ${OPENAI}`],
    ['google-api-key', `maps?key=${GOOGLE}&q=x`],
    ['jwt', `Authorization: Bearer ${JWT}`],
  ])('%s', (kind, sample) => {
    const { text, redactions } = redactText(sample);
    expect(redactions.map((r) => r.kind)).toContain(kind);
    expect(text).toContain(`[REDACTED:${kind}]`);
    for (const secret of [AWS, GHP, GH_PAT, SLACK, STRIPE, OPENAI, GOOGLE, JWT]) expect(text).not.toContain(secret);
  });

  it('private key blocks become one placeholder with the same number of lines', () => {
    const source = `# deploy key\n${KEY}\nafter: 1\n`;
    const { text, redactions } = redactText(source);
    expect(text).toBe(`# deploy key\n${'[REDACTED:private-key]\n'.repeat(4)}after: 1\n`);
    expect(text.split('\n')).toHaveLength(source.split('\n').length);
    expect(redactions).toEqual([{ kind: 'private-key', startLine: 1, endLine: 4 }]);
    expect(kinds('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU=\n-----END OPENSSH PRIVATE KEY-----')).toEqual(['private-key']);
    // A key cut off before its END line is redacted to the end of the text.
    expect(redactText('x\n-----BEGIN PRIVATE KEY-----\nMIIBVAIBADANBg\nMIIBVAIBAD').text).toBe('x\n[REDACTED:private-key]\n[REDACTED:private-key]\n[REDACTED:private-key]');
  });

  it('passwords in config files: only the value goes, the key stays searchable', () => {
    expect(redactText('DB_PASSWORD=s3cr3t-Pa55\nDB_USER=app').text).toBe('DB_PASSWORD=[REDACTED:password]\nDB_USER=app');
    expect(redactText('{\n  "password": "correct horse battery",\n  "user": "me"\n}').text).toBe('{\n  "password": "[REDACTED:password]",\n  "user": "me"\n}');
    expect(redactText("db:\n  password: 'hunter2!'\n").text).toBe("db:\n  password: '[REDACTED:password]'\n");
    expect(redactText('api_key = 9f8e7d6c5b4a39281706').text).toBe('api_key = [REDACTED:secret-assignment]');
    expect(redactText('token: abcdef0123456789').text).toBe('token: [REDACTED:secret-assignment]');
    expect(redactText('DATABASE_URL=postgres://app:Sup3rS3cret@db.internal:5432/prod').text).toBe('DATABASE_URL=postgres://app:[REDACTED:url-password]@db.internal:5432/prod');
  });

  it('payment card numbers that pass Luhn, with or without separators', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(redactText(`card: ${VISA} exp 12/29`).text).toBe('card: [REDACTED:payment-card] exp 12/29');
    expect(kinds('5500-0000-0000-0004')).toEqual(['payment-card']);
    expect(kinds('amex 378282246310005')).toEqual(['payment-card']);
  });

  it('reports kind and line of every redaction, never the secret', () => {
    const { redactions } = redactText(`line zero\nkey ${AWS}\n\npassword = hunter22\n`);
    expect(redactions).toEqual([
      { kind: 'aws-access-key', startLine: 1, endLine: 1 },
      { kind: 'password', startLine: 3, endLine: 3 },
    ]);
    expect(JSON.stringify(redactions)).not.toContain('hunter22');
  });

  it('documentation example keys are redacted too (decision: a real key that looks like an example is worse to miss)', () => {
    expect(kinds(j('Example: AKIA', 'IOSFODNN7EXAMPLE (from the AWS docs)'))).toEqual(['aws-access-key']);
  });
});

describe('redactText: near misses are left alone', () => {
  it.each([
    ['a 16-digit number failing Luhn', 'order 4111 1111 1111 1112 shipped'],
    ['a number not starting like a card', 'tracking 1234567812345670'],
    ['a phone number', 'call +1 555-867-5309 today'],
    ['"password" in prose', 'Reset your password in the settings page. The password must be long.'],
    ['a password rule, not a password', 'password: ${DB_PASSWORD}\npassword = <your password>\npassword: null'],
    ['AKIA-like strings of the wrong length', 'AKIA1234 and AKIAABCDEFGHIJKLMNOPQRSTU'],
    ['AKIA inside a longer word', 'XAKIAZ3MPLQ7RXK2B4N6W'],
    ['ghp_ too short', 'ghp_abc123'],
    ['sk- words', 'scikit: sk-learn, sk-image are libraries'],
    ['a version triple that looks JWT-ish', 'eyJ.eyJ.x and v1.2.3'],
    ['a URL with a user but no password', 'https://user@example.invalid/path'],
    ['ISO dates and UUIDs', '2026-01-31 123e4567-e89b-12d3-a456-426614174000'],
  ])('%s', (_name, text) => {
    expect(findSecrets(text)).toEqual([]);
    expect(redactText(text).text).toBe(text);
  });
});

describe('redactBlocks', () => {
  const block = (text: string, startLine: number): TextBlock => ({ kind: 'paragraph', text, headingPath: [], startLine, endLine: startLine + text.split('\n').length - 1, startChar: 0, endChar: text.length });

  it('keeps every block\'s line count and reports lines in source numbering', () => {
    const blocks = [block('intro', 1), block(`token = ${GHP}\nnext line`, 3)];
    const { blocks: out, redactions } = redactBlocks(blocks);
    expect(out[0]).toBe(blocks[0]);
    expect(out[1]?.text).toBe('token = [REDACTED:github-token]\nnext line');
    expect(redactions).toEqual([{ kind: 'github-token', startLine: 3, endLine: 3 }]);
  });

  it('a private key split over blocks is redacted up to its END line', () => {
    const lines = KEY.split('\n');
    const blocks = [block(`${lines[0]}\n${lines[1]}`, 10), block(`${lines[2]}\n${lines[3]}\nvisible after`, 13)];
    const { blocks: out, redactions } = redactBlocks(blocks);
    expect(out.map((b) => b.text)).toEqual(['[REDACTED:private-key]\n[REDACTED:private-key]', '[REDACTED:private-key]\n[REDACTED:private-key]\nvisible after']);
    expect(redactions).toEqual([
      { kind: 'private-key', startLine: 10, endLine: 11 },
      { kind: 'private-key', startLine: 13, endLine: 14 },
    ]);
  });
});
