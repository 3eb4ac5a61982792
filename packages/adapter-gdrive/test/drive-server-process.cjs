// google-drive-mock in a process of its own: its store is process-wide, so each server gets a
// fresh one, and it is loaded by Node itself (under vitest, express's router breaks). Bodies are
// read here before the mock sees them, because the mock's own parsers stop at 100 kB (real
// Drive takes 5 MB in one multipart request); they are parsed the way the mock would (JSON as
// an object, multipart and text as a string, `rawBody` kept), and its parsers then skip the
// already-read request. `GET /__requests` lists what was answered, with body bytes sent.
const { createServer } = require('node:http');
const { createApp } = require('google-drive-mock');

const TEXT_TYPES = /^(multipart\/|text\/|application\/xml)/;
const app = createApp();
let requests = [];

function prepare(req, raw, res) {
  if (raw.length === 0) return true;
  const type = req.headers['content-type'] || '';
  req.rawBody = raw;
  if (type.startsWith('application/json')) {
    try {
      req.body = JSON.parse(raw.toString('utf8'));
    } catch {
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 400, message: 'Invalid JSON body' } }));
      return false;
    }
  } else if (TEXT_TYPES.test(type)) {
    req.body = raw.toString('utf8');
  }
  return true;
}

function count(req, res) {
  const seen = { method: req.method, url: req.url, status: 0, bytes: 0 };
  requests.push(seen);
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  const add = (chunk) => {
    if (typeof chunk === 'string') seen.bytes += Buffer.byteLength(chunk);
    else if (chunk instanceof Uint8Array) seen.bytes += chunk.length;
  };
  res.write = (...args) => {
    add(args[0]);
    return write(...args);
  };
  res.end = (...args) => {
    if (typeof args[0] !== 'function') add(args[0]);
    seen.status = res.statusCode;
    return end(...args);
  };
}

const server = createServer((req, res) => {
  if (req.url === '/__requests') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(requests));
    return;
  }
  if (req.url === '/__reset' && req.method === 'POST') {
    requests = [];
    res.writeHead(204);
    res.end();
    return;
  }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    if (!prepare(req, Buffer.concat(chunks), res)) return;
    count(req, res);
    app(req, res);
  });
});
server.listen(0, '127.0.0.1', () => {
  process.send({ port: server.address().port });
});
process.on('disconnect', () => process.exit(0));
