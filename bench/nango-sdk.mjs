// bench/nango's SDK side (not a test): the official Nango Node SDK (@nangohq/node, pinned in bench/package.json)
// making the calls crossline-cli makes, N times in a row in one process.
//   NANGO_API_BASE=… NANGO_SECRET_KEY=… node bench/nango-sdk.mjs connections N
//   NANGO_API_BASE=… NANGO_SECRET_KEY=… node bench/nango-sdk.mjs whatsapp N PROVIDER_CONFIG_KEY CONNECTION_ID PHONE_ID TO
// Prints "<calls> <loop ms>" (the calls alone, after start-up) on standard output.
//
// The WhatsApp send is the request `crossline-cli whatsapp test --body=…` sends (MessageSender::whatsAppRequest):
// POST /proxy/v20.0/<phone id>/messages with Connection-Id, Provider-Config-Key, Content-Type and
// Nango-Proxy-Content-Type: application/json, and the same JSON body, keys in the same order. The CLI also sends
// Retries: 0 (a send is never repeated), which the SDK cannot express (it leaves out a falsy `retries`); Nango
// does not retry a POST that succeeds either way.
import { Nango } from '@nangohq/node';

const [what, n, providerConfigKey, connectionId, phoneNumberId, to] = process.argv.slice(2);
const calls = Number(n);
if (!['connections', 'whatsapp'].includes(what) || !(calls >= 1)) {
  console.error('usage: nango-sdk.mjs connections N | whatsapp N PROVIDER_CONFIG_KEY CONNECTION_ID PHONE_ID TO');
  process.exit(2);
}
const nango = new Nango({ host: process.env.NANGO_API_BASE, secretKey: process.env.NANGO_SECRET_KEY });
const body = 'Hello from the bench!';

async function call() {
  if (what === 'connections') {
    const { connections } = await nango.listConnections();
    if (!Array.isArray(connections)) throw new Error('no connections list');
    return;
  }
  const response = await nango.proxy({
    method: 'POST',
    endpoint: `/v20.0/${encodeURIComponent(phoneNumberId)}/messages`,
    providerConfigKey,
    connectionId,
    headers: { 'Content-Type': 'application/json' },
    data: { messaging_product: 'whatsapp', recipient_type: 'individual', text: { body }, to, type: 'text' },
  });
  if (!response.data?.messages?.[0]?.id) throw new Error('no message id');
}

const start = performance.now();
for (let i = 0; i < calls; ++i) await call();
console.log(`${calls} ${Math.round(performance.now() - start)}`);
