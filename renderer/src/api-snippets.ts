/** Configuration snippets for the apps people connect to Trove's local API, filled in with its address and token. */

export interface Snippet {
  readonly title: string;
  readonly language: 'json' | 'python';
  readonly text: string;
}

export function apiSnippets(url: string, token: string): Snippet[] {
  const auth = { Authorization: `Bearer ${token}` };
  return [
    // Claude Desktop starts MCP servers as programs over stdio: `trove mcp` is that program, on the same index,
    // with no network and no token (a bridge to the HTTP address would be a third-party download).
    {
      title: 'Claude Desktop (claude_desktop_config.json; needs File → Install the trove Command…)',
      language: 'json',
      text: JSON.stringify({ mcpServers: { trove: { command: 'trove', args: ['mcp'] } } }, null, 2),
    },
    {
      title: 'VS Code (.vscode/mcp.json)',
      language: 'json',
      text: JSON.stringify({ servers: { trove: { type: 'http', url: `${url}/mcp`, headers: auth } } }, null, 2),
    },
    {
      title: 'OpenAI-compatible client (Python)',
      language: 'python',
      text: [
        'from openai import OpenAI',
        `client = OpenAI(base_url="${url}/v1", api_key="${token}")`,
        'reply = client.chat.completions.create(model="trove", messages=[{"role": "user", "content": "What does our policy say?"}])',
        'print(reply.choices[0].message.content)',
      ].join('\n'),
    },
  ];
}
