/**
 * `@satchel/adapter-http/adapter`: the `http`/`https` adapter and its plugin, without the
 * client's and the adapter's classes. Importing this instead of the package root lets a bundler
 * keep their code in a chunk loaded only when a remote database is opened. The root cannot:
 * esbuild assigns whole files to chunks, so a file the page reaches through any re-export (the
 * root's `HttpAdapter`) stays in what loads up front, used or not.
 *
 * @packageDocumentation
 */

export type { HttpAdapterOptions } from './http-options.js';
export { HttpAdapterPlugin, type HttpAdapterRegistry, httpAdapter } from './http-plugin.js';
