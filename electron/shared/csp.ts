/**
 * The window's Content-Security-Policy: only the app's own scripts and styles, no inline script, no eval, no
 * plugins, no frames, no remote images or fonts. `connect` adds the origins the page may open connections
 * to: none in the app (it talks through the preload), the dev server in development. The same policy is in
 * renderer/index.html (a meta tag, so it also holds for file:// pages; a unit test keeps the two equal).
 */
export function contentSecurityPolicy(connect: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    // No inline styles either: progress is drawn with <progress>, not style attributes.
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${["'self'", ...connect].join(' ')}`,
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
