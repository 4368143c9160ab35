/** "Let other apps on this computer use Trove": the switch, the address and token, and snippets to copy. */
import type { ApiServerView } from '../../../electron/shared/api.ts';
import { apiSnippets } from '../api-snippets.ts';
import type { Commands } from '../commands.ts';

export interface ApiServerPanelProps {
  readonly server: ApiServerView | null;
  readonly commands: Commands;
}

export function ApiServerPanel({ server, commands }: ApiServerPanelProps) {
  if (!server) return <section className="api-server" aria-label="Other apps" aria-busy="true" />;
  return (
    <section className="api-server privacy" aria-label="Other apps">
      <h3>Other apps</h3>
      <label className="toggle">
        <input type="checkbox" checked={server.enabled} onChange={(event) => void commands.setApiServer(event.target.checked)} />
        Let other apps on this computer use Trove
      </label>
      <p className="hint">
        Editors and assistants on this computer can search and ask your documents through MCP or an OpenAI-compatible API. Nothing listens beyond this computer,
        and every request needs the token.
      </p>
      {server.error && (
        <p className="error" role="alert">
          {server.error}
        </p>
      )}
      {server.url && server.token && (
        <>
          <dl className="api-address">
            <dt>Address</dt>
            <dd>
              <code data-testid="api-url">{server.url}</code> (MCP at <code>/mcp</code>, OpenAI-compatible at <code>/v1</code>)
            </dd>
            <dt>Token</dt>
            <dd>
              <code data-testid="api-token">{server.token}</code>{' '}
              <button type="button" onClick={() => void commands.copy(server.token ?? '')}>
                Copy token
              </button>
            </dd>
          </dl>
          {apiSnippets(server.url, server.token).map((snippet) => (
            <details key={snippet.title} className="api-snippet">
              <summary>{snippet.title}</summary>
              <pre>
                <code>{snippet.text}</code>
              </pre>
              <button type="button" onClick={() => void commands.copy(snippet.text)}>
                Copy
              </button>
            </details>
          ))}
        </>
      )}
    </section>
  );
}
