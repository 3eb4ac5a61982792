/**
 * Satchel's adapter for CouchDB over HTTP (adapters `http` and `https`).
 * @packageDocumentation
 */
export { type BasicAuth, type DbLocation, parseDbUrl } from './db-url.js';
export { attachmentPath, docPath } from './doc-path.js';
export { HttpAdapter } from './http-adapter.js';
export { type FetchFunction, HttpClient, type HttpRequest } from './http-client.js';
export type { HttpAdapterOptions } from './http-options.js';
export {
  HttpAdapterPlugin,
  HttpAdapterPlugin as default,
  type HttpAdapterRegistry,
  httpAdapter,
} from './http-plugin.js';
