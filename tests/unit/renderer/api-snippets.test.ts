import { describe, expect, it } from 'vitest';
import { apiSnippets } from '../../../renderer/src/api-snippets.ts';

describe('apiSnippets', () => {
  const snippets = apiSnippets('http://127.0.0.1:4749', 'tok3n');

  it('gives Claude Desktop the stdio server, which needs no download, no address and no token', () => {
    const claude = JSON.parse(snippets[0]?.text ?? '{}') as { mcpServers: { trove: { command: string; args: string[] } } };
    expect(claude.mcpServers.trove).toEqual({ command: 'trove', args: ['mcp'] });
    expect(snippets[0]?.text).not.toContain('tok3n');
  });

  it('gives VS Code the HTTP endpoint with the bearer token, and the OpenAI client the /v1 base URL', () => {
    const vscode = JSON.parse(snippets[1]?.text ?? '{}') as { servers: { trove: { url: string; headers: Record<string, string> } } };
    expect(vscode.servers.trove.url).toBe('http://127.0.0.1:4749/mcp');
    expect(vscode.servers.trove.headers).toEqual({ Authorization: 'Bearer tok3n' });
    expect(snippets[2]?.text).toContain('base_url="http://127.0.0.1:4749/v1", api_key="tok3n"');
  });
});
