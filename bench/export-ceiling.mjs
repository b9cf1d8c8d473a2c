// bench/export's ceiling client (not a test): every page of Panora's /crm/contacts, as `crossline-cli contacts list
// --provider=panora --all` asks for them (limit=100, then cursor=<next_cursor>), over one keep-alive connection,
// bodies discarded. Only the end of each body is kept, to find next_cursor. What is left is the sandbox's own time
// to answer: no client can page faster.
// Usage: PANORA_API_URL=… PANORA_API_KEY=… PANORA_CONNECTION_TOKEN=… node bench/export-ceiling.mjs [pageSize]
import http from 'node:http';

const base = new URL(process.env.PANORA_API_URL);
const pageSize = Number(process.argv[2] ?? 100);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const headers = {
  'x-api-key': process.env.PANORA_API_KEY,
  'x-connection-token': process.env.PANORA_CONNECTION_TOKEN,
  accept: 'application/json',
};
const marker = Buffer.from('"next_cursor":');

function page(cursor) {
  const path = `/crm/contacts?limit=${pageSize}` + (cursor ? `&cursor=${encodeURIComponent(cursor)}` : '');
  return new Promise((resolve, reject) => {
    const req = http.get({ host: base.hostname, port: base.port, path, headers, agent }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`HTTP ${res.statusCode} for ${path}`));
        res.resume();
        return;
      }
      let tail = Buffer.alloc(0); // the last bytes seen: next_cursor is near the end of the envelope
      let bytes = 0;
      res.on('data', (chunk) => {
        bytes += chunk.length;
        tail = chunk.length >= 256 ? chunk.subarray(chunk.length - 256) : Buffer.concat([tail, chunk]).subarray(-256);
      });
      res.on('end', () => {
        const at = tail.lastIndexOf(marker);
        if (at < 0) return reject(new Error('no next_cursor in the last bytes'));
        const rest = tail.subarray(at + marker.length);
        const next = rest[0] === 0x22 ? rest.subarray(1, rest.indexOf(0x22, 1)).toString('latin1') : null;
        resolve({ next, bytes });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

let cursor = null;
let pages = 0;
let bytes = 0;
do {
  const r = await page(cursor);
  cursor = r.next;
  bytes += r.bytes;
  ++pages;
} while (cursor);
agent.destroy();
process.stderr.write(`${pages} pages, ${bytes} bytes\n`);
