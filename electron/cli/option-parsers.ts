/** Parsers of option values, shared by the commands and loaded at start-up (no engine code here). */
import { InvalidArgumentError } from 'commander';

export function parseAdapter(value: string, previous: { path: string; scale: number }[] = []): { path: string; scale: number }[] {
  const match = /^(.+):(-?\d+(?:\.\d+)?)$/.exec(value);
  const path = match?.[1] ?? value;
  const scale = match?.[2] !== undefined ? Number(match[2]) : 1;
  if (path.trim() === '') throw new InvalidArgumentError('an adapter needs a file path.');
  return [...previous, { path, scale }];
}

export function parseNumber(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number)) throw new InvalidArgumentError(`${value} is not a number.`);
  return number;
}
