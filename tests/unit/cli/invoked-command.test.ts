// Which command a command line runs, read before commander: only that command is then defined. Anything unsure
// must give undefined, so that every command is defined and commander's help and errors are its own.
import { describe, expect, it } from 'vitest';
import { invokedCommand } from '../../../electron/cli/invoked-command.ts';

const NAMES = ['index', 'search', 'status', 'models', 'folder'];

describe('invokedCommand', () => {
  it('finds the command after the global options, with their values in either form', () => {
    expect(invokedCommand(['search', 'foreign key'], NAMES)).toBe('search');
    expect(invokedCommand(['--data-dir', '/tmp/search', 'status'], NAMES)).toBe('status');
    expect(invokedCommand(['--json', '--store=postgres://db', '--backend', 'cpu', 'index', 'docs'], NAMES)).toBe('index');
    expect(invokedCommand(['--gpu-layers', 'max', 'models', 'list'], NAMES)).toBe('models');
  });

  it('does not take an option value for the command', () => {
    expect(invokedCommand(['--data-dir', 'index', 'search', 'q'], NAMES)).toBe('search');
  });

  it('is undefined for help, the version, no command, an unknown word or an unknown option', () => {
    for (const args of [[], ['--help'], ['-h'], ['help', 'search'], ['--version'], ['serch', 'x'], ['--bogus', 'search', 'x'], ['--data-dir']]) {
      expect(invokedCommand(args, NAMES)).toBeUndefined();
    }
  });
});
