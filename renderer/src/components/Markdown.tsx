/** Answers as Markdown: headings, lists, code blocks; raw HTML is never rendered and links open outside. */
import ReactMarkdown from 'react-markdown';

export function Markdown({ text }: { readonly text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown
        skipHtml
        components={{
          // The main process opens http(s) links in the system browser (window.open is denied there).
          a: ({ href, children }) => (
            <a href={href} target="_blank" rel="noreferrer noopener">
              {children}
            </a>
          ),
        }}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
}
