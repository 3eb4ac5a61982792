/** Statuses a `Response` may not carry a body with. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** One request as it left the client. */
export interface RecordedRequest {
  method: string;
  /** The URL's path and query, relative to the server (e.g. `/db/doc/att?rev=1-a`). */
  path: string;
  contentType: string | null;
  /** The body as sent: bytes for binary bodies, the text for strings, else undefined. */
  body: Uint8Array | string | undefined;
}

/** A `fetch` that records each request, then forwards it to the real server. */
export interface RecordingFetch {
  fetch: (url: string, init?: RequestInit) => Promise<Response>;
  requests: RecordedRequest[];
  /** The most requests matching `inFlightOf` that were in flight (body included) at once. */
  readonly maxInFlight: number;
  /** Forgets the requests recorded so far and the in-flight maximum. */
  clear(): void;
}

/**
 * Records every request made through it; a real `fetch` to the real server does the work.
 * @param inFlightOf - the paths whose concurrency `maxInFlight` measures.
 */
export function recordingFetch(inFlightOf = /$^/): RecordingFetch {
  const requests: RecordedRequest[] = [];
  let now = 0;
  let max = 0;
  const record = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const parsed = new URL(url);
    const path = parsed.pathname + parsed.search;
    const counted = inFlightOf.test(path);
    if (counted) max = Math.max(max, ++now);
    requests.push({
      method: init.method ?? 'GET',
      path,
      contentType: new Headers(init.headers).get('content-type'),
      body: await bodyOf(init.body),
    });
    try {
      // The whole body is read here, so a request counts as in flight until it is all in.
      const res = await fetch(url, init);
      const bytes = await res.arrayBuffer();
      const body = NULL_BODY_STATUSES.has(res.status) ? null : bytes;
      return new Response(body, { status: res.status, headers: res.headers });
    } finally {
      if (counted) now--;
    }
  };
  return {
    fetch: record,
    requests,
    get maxInFlight() {
      return max;
    },
    clear() {
      requests.length = 0;
      max = 0;
    },
  };
}

async function bodyOf(body: BodyInit | null | undefined): Promise<Uint8Array | string | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new Uint8Array(body);
  if (body instanceof Blob) return new Uint8Array(await body.arrayBuffer());
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  return String(body);
}
