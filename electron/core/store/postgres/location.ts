/** A PostgreSQL URL as messages and views show it: without its password. No driver is loaded for it. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}
