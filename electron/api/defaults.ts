/** Settings of the local API that the CLI's help text needs without loading the server. */

/** `trove serve` and the app listen here unless told otherwise (`--port`; 0 lets the system choose). */
export const DEFAULT_API_PORT = 4749;
/** The only addresses the API listens on. */
export const LOOPBACK_BIND_ADDRESSES: readonly string[] = ['127.0.0.1', '::1'];
/** The token file in the data directory (mode 0600). */
export const API_TOKEN_FILE = 'api-token';
