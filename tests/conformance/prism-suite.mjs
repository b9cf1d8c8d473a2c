#!/usr/bin/env node
// Spec conformance through Prism in proxy mode (the emulator is never the only check;
// docs/ARCHITECTURE.md#the-sandbox):
//
//   crossline-cli --> tap A --> prism proxy <spec> --errors --> tap B --> crossline-cli sandbox
//
// Prism validates every request crossline-cli sends AND every response the sandbox gives against the official spec;
// with --errors it answers a violation itself (application/problem+json + sl-violations). Tap A sees exactly what
// crossline-cli got back, so each exchange is attributed to the command that made it. Tap B can corrupt one marked
// response, which proves the response side of the check can fail; a raw bad request proves the request side can.
//
// usage: node prism-suite.mjs nango|panora
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as c from './common.mjs';

const suite = process.argv[2];
if (suite !== 'nango' && suite !== 'panora') c.abort('usage: node prism-suite.mjs nango|panora');
c.requireNodeModules(['@stoplight/prism-cli', 'ajv', 'ajv-formats', 'js-yaml']);
c.deadline(85);

const SPEC = suite === 'nango' ? 'nango-openapi.yaml' : 'panora-openapi-with-hris-3a234662.yaml';
const CONTROL_HEADER = 'x-conformance-control';

const cli = c.cliPath();
const spec = c.specPath(SPEC);
const { matchPath } = await import('./specs.mjs');
const specDoc = createRequire(path.join(c.HERE, 'package.json'))('js-yaml').load(readFileSync(spec, 'utf8'));

// Prism accepts query parameters the operation does not document; real Nango answers 400 to them (zod .strict())
// and Panora ignores them silently. So every query parameter must be a documented one.
function undocumentedQuery(ex) {
    const u = new URL(ex.url, 'http://x');
    const m = matchPath(specDoc.paths, decodeURIComponent(u.pathname))[0];
    const item = m && specDoc.paths[m.template];
    const op = item?.[ex.method.toLowerCase()];
    if (!op) return [];
    const deref = (p) => (p.$ref ? p.$ref.slice(2).split('/').reduce((o, k) => o[k], specDoc) : p);
    const params = [...(item.parameters || []), ...(op.parameters || [])].map(deref).filter((p) => p.in === 'query');
    return [...new Set(u.searchParams.keys())].filter((k) => !params.some((p) => p.name === k || (p.style === 'deepObject' && k.startsWith(`${p.name}[`))));
}
const t0 = Date.now();
const env = c.isolatedEnv();
// The Nango suite runs the sandbox as a deployed Nango, so the synced-records and action requests are checked too.
const { vars } = await c.startSandbox(env, suite === 'nango' ? ['--real-nango'] : []);
const sandboxBase = suite === 'nango' ? vars.NANGO_API_BASE : vars.PANORA_API_URL;
c.log(`sandbox: ${sandboxBase}   spec: ${spec}`);

// Known, documented divergences between the official spec and the real service that the sandbox (rightly) follows.
// Each is reported on every run; CROSSLINE_CONFORMANCE_STRICT=1 turns them back into failures.
const STRICT = process.env.CROSSLINE_CONFORMANCE_STRICT === '1';
const jsonBody = (res) => { try { return JSON.parse(res.body.toString('utf8')); } catch { return undefined; } };
const KNOWN = suite === 'nango' ? [{
    id: 'nango-records-null-cursor',
    applies: (req, res) => req.method === 'GET' && /^\/records(\?|$)/.test(req.url) && jsonBody(res)?.next_cursor === null,
    fix: (res) => {
        const body = jsonBody(res);
        delete body.next_cursor;
        return { ...res, body: Buffer.from(JSON.stringify(body)) };
    },
    text: 'GET /records answers "next_cursor": null on its last page, as its own description says ("continue ' +
          'paginating until it is null"), while the schema types next_cursor as a string. The null is dropped on the ' +
          'way to Prism, so Prism still validates the rest of the page.',
}, {
    id: 'nango-import-201',
    applies: (req, res) => req.method === 'POST' && /^\/connections?(\?|$)/.test(req.url) && res.status === 201,
    fix: (res) => ({ ...res, status: 200 }),
    text: 'POST /connections and POST /connection answer 201 in the sandbox, as real Nango does (its server code ' +
          'sends res.status(201)), while nango-openapi.yaml documents only 200/400 for both operations ' +
          '(paths./connections.post.responses, paths./connection.post.responses). The status is rewritten to 200 on the ' +
          'way to Prism, so Prism still validates the request and the response body against the 200 schema.',
}, {
    id: 'nango-connectionfull-metadata-null',
    applies: (req, res) => req.method === 'POST' && /^\/connections(\?|$)/.test(req.url) && jsonBody(res)?.metadata === null,
    fix: (res) => ({ ...res, body: Buffer.from(JSON.stringify({ ...jsonBody(res), metadata: {} })) }),
    text: 'the POST /connections response carries "metadata": null for a connection imported without metadata, as real ' +
          'Nango does (its getConnection integration test asserts it), while components.schemas.ConnectionFull' +
          '.properties.metadata is {type: object} without null (the list schema allows anyOf [object, null]). null is ' +
          'replaced by {} on the way to Prism; every other field is still validated.',
}] : [{
    id: 'panora-employees-previous-cursor',
    applies: (req, res) => req.method === 'GET' && /^\/hris\/employees(\?|$)/.test(req.url) && jsonBody(res) && 'previous_cursor' in jsonBody(res) && !('prev_cursor' in jsonBody(res)),
    fix: (res) => {
        const { previous_cursor: prev, ...rest } = jsonBody(res);
        return { ...res, body: Buffer.from(JSON.stringify({ prev_cursor: prev, ...rest })) };
    },
    text: 'GET /hris/employees answers {data, next_cursor, previous_cursor} in the sandbox, as the pinned Panora 3a234662 ' +
          'does (observed on a running server), while the spec\'s listHrisEmployees response is allOf [PaginatedDto, ...] and ' +
          'components.schemas.PaginatedDto.required is [prev_cursor, next_cursor, data]. previous_cursor is renamed ' +
          'prev_cursor on the way to Prism; everything else is still validated.',
}];
const divergences = [];
const KNOWN_QUERY_SEED01 = {
    id: 'seed-01-page-params',
    names: ['page', 'page_size'],
    text: 'unified seed example 01 ({provider:"panora", resource:"crm.contact", operation:"list", params:{page:1, page_size:50}}) ' +
          'is sent as GET /crm/contacts?page=1&page_size=50: the unified dispatcher forwards `params` verbatim, but ' +
          'listCrmContacts documents only remote_data, limit and cursor (no page_size or page), so Panora ' +
          'ignores both and answers its default 50 rows. Client/seed disagreement for the unified owners: map page_size -> ' +
          'limit (and page -> cursor paging) or reject them.',
};
if (suite === 'panora') KNOWN.push({ id: KNOWN_QUERY_SEED01.id, text: KNOWN_QUERY_SEED01.text, applies: () => false });

// Tap B corrupts the response of any request carrying the control header (Prism forwards request headers).
const tapB = await c.startTap('prism->sandbox', Number(new URL(sandboxBase).port), {
    mutate(req, res) {
        let fixed = null;
        for (const k of STRICT ? [] : KNOWN) {
            if (!k.applies(req, fixed || res)) continue;
            fixed = k.fix(fixed || res);
            divergences.push(`${req.method} ${req.url}: ${k.id}`);
        }
        if (fixed && req.headers[CONTROL_HEADER] !== 'corrupt-response') return fixed;
        if (req.headers[CONTROL_HEADER] !== 'corrupt-response') return null;
        const body = suite === 'nango'
            ? { connections: [{ id: 'not-an-integer', connection_id: 42 }] } // id must be integer; 6 required keys missing
            : { data: 'not-an-array' };                                       // prev_cursor/next_cursor missing, data not array
        return { status: 200, headers: { ...res.headers, 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(body)) };
    },
});
const prism = await c.startPrism(spec, tapB.url);
const tapA = await c.startTap('cli->prism', prism.port);
c.log(`prism: ${prism.url} (started in ${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);

const cliEnv = suite === 'nango'
    ? { ...env, NANGO_SECRET_KEY: vars.NANGO_SECRET_KEY }
    : { ...env, PANORA_API_KEY: vars.PANORA_API_KEY, PANORA_CONNECTION_TOKEN: vars.PANORA_CONNECTION_TOKEN };
const target = suite === 'nango' ? [`--base=${tapA.url}`] : [`--panora-url=${tapA.url}`];
let expectedPrismErrors = 0; // "Request terminated with error" lines we cause on purpose

function describe(ex) {
    return `${ex.method} ${ex.url} -> ${ex.status}`;
}

// Checks every exchange one command made: Prism saw no error-level violation in the request or in the response.
function checkExchanges(label, exchanges, forwarded = []) {
    let clean = true;
    for (const ex of exchanges) {
        const fwd = forwarded.find((f) => f.method === ex.method && f.url === ex.url);
        const problem = c.prismProblem(ex);
        const violations = c.violationsOf(ex);
        const errors = violations.filter((v) => String(v.severity).toLowerCase() === 'error');
        const warnings = violations.filter((v) => String(v.severity).toLowerCase() !== 'error');
        for (const w of warnings) c.log(`        note: Prism ${w.severity} on ${describe(ex)}: ${w.message} [${(w.location || []).join('.')}]`);
        const detail = [
            problem ? `Prism answered ${problem.status} ${problem.title}: ${problem.detail || ''}` : '',
            ...(problem?.validation || errors).map((v) => `${v.severity}: ${v.message} [${(v.location || []).join('.')}]`),
            problem || errors.length ? `request body: ${ex.reqBody.slice(0, 600) || '(none)'}` : '',
            (problem || errors.length) && fwd ? `the sandbox answered ${fwd.status} ${fwd.headers['content-type'] || ''}: ${fwd.body.slice(0, 600)}` : '',
        ].filter(Boolean).join('\n');
        clean = c.check(!problem && errors.length === 0, `${label}: ${describe(ex)} conforms (request and response)`, detail) && clean;
    }
    return clean;
}

// One crossline-cli command through Prism: exit 0, every exchange conforms, the expected operations were hit.
async function cliStep(label, args, { expect = [], input, exitCode = 0, knownQuery = null } = {}) {
    const mark = tapA.mark();
    const markB = tapB.mark();
    const r = await c.run(cli, [...args, ...target, '--timeout=20'], { env: cliEnv, input, timeoutMs: 30000 });
    const exchanges = tapA.since(mark);
    c.log(`\n# ${label}\n  $ crossline-cli ${args.join(' ')}`);
    c.check(r.code === exitCode, `${label}: crossline-cli exited ${exitCode}`,
            `exit ${r.code}${r.timedOut ? ' (timed out)' : ''}\nstdout: ${r.stdout.slice(0, 1500)}\nstderr: ${r.stderr.slice(0, 1500)}`);
    c.check(exchanges.length > 0, `${label}: at least one request reached Prism`);
    checkExchanges(label, exchanges, tapB.since(markB));
    for (const ex of exchanges) {
        let extra = undocumentedQuery(ex);
        if (knownQuery && !STRICT) {
            const tolerated = extra.filter((k) => knownQuery.names.includes(k));
            if (tolerated.length) divergences.push(`${ex.method} ${ex.url}: ${knownQuery.id}`);
            extra = extra.filter((k) => !tolerated.includes(k));
        }
        c.check(extra.length === 0, `${label}: ${ex.method} ${ex.url.split('?')[0]} sends only documented query parameters`, `undocumented: ${extra.join(', ')}`);
    }
    for (const [method, re] of expect) {
        c.check(exchanges.some((ex) => ex.method === method && re.test(ex.url)),
                `${label}: sent ${method} ${re.source}`, `seen: ${exchanges.map(describe).join(', ') || 'nothing'}`);
    }
    return { ...r, exchanges };
}

// A raw request that MUST be refused: proves the check can fail.
async function negativeControl(label, url, options, expectStatus, mustMention) {
    const res = await c.rawRequest(url, options);
    const problem = c.prismProblem(res);
    const text = JSON.stringify(problem?.validation || c.violationsOf(res));
    c.log(`\n# negative control: ${label}`);
    c.check(problem && expectStatus.includes(res.status) && (!mustMention || text.includes(mustMention)),
            `negative control: ${label} -> Prism refused it (${res.status}${mustMention ? `, mentions ${mustMention}` : ''})`,
            `got ${res.status} ${res.body.slice(0, 800)}`);
    expectedPrismErrors += 1;
}

const unifiedDir = c.tempDir('crossline-conf-unified-');
function unifiedFile(name, body) {
    const p = path.join(unifiedDir, name);
    writeFileSync(p, JSON.stringify(body, null, 2));
    return p;
}

if (suite === 'nango') {
    const auth = { authorization: `Bearer ${vars.NANGO_SECRET_KEY}` };
    await cliStep('nango connections', ['nango', 'connections'], { expect: [['GET', /^\/connections(\?|$)/]] });
    await cliStep('nango connections --search', ['nango', 'connections', '--search=whatsapp'],
                  { expect: [['GET', /^\/connections\?(.*&)?search=whatsapp(&|$)/]] });
    await cliStep('nango connections --json', ['--json', 'nango', 'connections'], { expect: [['GET', /^\/connections(\?|$)/]] });
    const token = 'EAAConformance0123456789abcdefXYZ';
    await cliStep('nango import (verified, POST /connections)',
                  ['nango', 'import', '--providerConfigKey=whatsapp-business', '--connectionId=conformance-wa-1', '--apiKey=-'],
                  { input: `${token}\n`, expect: [['POST', /^\/connections$/]] });
    await cliStep('nango import --skip-verification (legacy POST /connection, documented as deprecated in the spec)',
                  ['nango', 'import', '--providerConfigKey=whatsapp-business', '--connectionId=conformance-wa-2', `--apiKey=${token}`, '--skip-verification'],
                  { expect: [['POST', /^\/connection$/]] });
    await cliStep('nango delete --yes (id 1)',
                  ['nango', 'delete', '--providerConfigKey=whatsapp-business', '--connectionId=conformance-wa-1', '--yes'],
                  { expect: [['DELETE', /^\/connections\/conformance-wa-1\?(.*&)?provider_config_key=whatsapp-business(&|$)/]] });
    await cliStep('nango delete --yes (id 2)',
                  ['nango', 'delete', '--providerConfigKey=whatsapp-business', '--connectionId=conformance-wa-2', '--yes'],
                  { expect: [['DELETE', /^\/connections\/conformance-wa-2\?/]] });
    // A deployed Nango's synced records, actions, functions and syncs (the records-and-actions mapping).
    const hubspot = ['--providerConfigKey=hubspot', '--connectionId=hubspot-acme'];
    await cliStep('nango records --all', ['nango', 'records', ...hubspot, '--model=Contact', '--all', '--limit=500', '--format=json'],
                  { expect: [['GET', /^\/records\?(.*&)?model=Contact(&|$)/], ['GET', /^\/records\?(.*&)?cursor=[^&]+/]] });
    await cliStep('nango records --filter --modified-after',
                  ['nango', 'records', ...hubspot, '--model=Contact', '--filter=deleted', '--modified-after=2026-01-01T00:00:00Z'],
                  { expect: [['GET', /^\/records\?(.*&)?filter=deleted(&|$)/]] });
    await cliStep('nango action (sync)', ['nango', 'action', ...hubspot, '--name=create-contact', '--input={"first_name":"Ada","email":"ada@example.com"}'],
                  { expect: [['POST', /^\/action\/trigger$/]] });
    await cliStep('nango functions', ['nango', 'functions', '--providerConfigKey=hubspot'],
                  { expect: [['GET', /^\/integrations\/hubspot\/functions\?page=0&limit=100$/]] });
    await cliStep('nango sync status', ['nango', 'sync', 'status', ...hubspot],
                  { expect: [['GET', /^\/sync\/status\?(.*&)?provider_config_key=hubspot(&|$)/]] });
    await cliStep('nango sync trigger', ['nango', 'sync', 'trigger', ...hubspot],
                  { expect: [['POST', /^\/sync\/trigger$/]] });
    c.log('\n# not checked here: nango action --async. Its answer (202 {id, statusUrl}) cannot conform: the spec lists it\n' +
          '  under 200 as one branch of a oneOf whose other branch is any object, so every such body matches both\n' +
          '  branches and fails "exactly one" (tst_nangorecords checks the exchange against the sandbox).');
    c.log('\n# not checked here: the seed\'s unified nango examples 02 (GET /hris/employees/{id}) and 03 (POST /crm/contacts)\n' +
          '  use the seed\'s "compatible paths", which nango-openapi.yaml does not document; 04-06 go through\n' +
          '  /proxy/{anyPath}, which Prism cannot match (see tst_conformance_upstream).');

    // The checks can fail: a request without provider_config_key/credentials, a request without the bearer key,
    // and a sandbox response corrupted on its way back to Prism.
    await negativeControl('POST /connections without provider_config_key', `${tapA.url}/connections`,
                          { method: 'POST', headers: { ...auth, 'content-type': 'application/json' },
                            body: JSON.stringify({ connection_id: 'x', credentials: { type: 'API_KEY', apiKey: 'EAAxxxxxxxxxxxxxxxxxxxxx' } }) },
                          [400, 422], 'provider_config_key');
    await negativeControl('GET /connections without Authorization', `${tapA.url}/connections`, {}, [401, 403]);
    await negativeControl('DELETE /connections/{id} without provider_config_key', `${tapA.url}/connections/conn_abc123`,
                          { method: 'DELETE', headers: auth }, [400, 422], 'provider_config_key');
    await negativeControl('a sandbox response that breaks the GET /connections schema', `${tapA.url}/connections`,
                          { headers: { ...auth, [CONTROL_HEADER]: 'corrupt-response' } }, [500], 'connection_id');
} else {
    const list = await cliStep('contacts list --provider=panora --limit=5', ['contacts', 'list', '--provider=panora', '--limit=5'],
                               { expect: [['GET', /^\/crm\/contacts\?(.*&)?limit=5(&|$)/]] });
    const all = await cliStep('contacts list --provider=panora --all --limit=500',
                              ['contacts', 'list', '--provider=panora', '--all', '--limit=500', '--format=csv'],
                              { expect: [['GET', /^\/crm\/contacts\?(.*&)?limit=500(&|$)/], ['GET', /^\/crm\/contacts\?(.*&)?cursor=[^&]+/]] });
    const pages = all.exchanges.filter((ex) => ex.url.startsWith('/crm/contacts'));
    c.check(pages.length >= 2, `contacts --all: followed next_cursor through ${pages.length} pages`);
    await cliStep('employees list --provider=panora --limit=5', ['employees', 'list', '--provider=panora', '--limit=5'],
                  { expect: [['GET', /^\/hris\/employees\?(.*&)?limit=5(&|$)/]] });

    let contactId = null;
    try { contactId = JSON.parse(list.exchanges.find((ex) => ex.url.startsWith('/crm/contacts')).body).data[0].id; } catch { /* below */ }
    if (!c.check(typeof contactId === 'string' && contactId.length > 0, 'a contact id to fetch came back from the list'))
        contactId = '801f9ede-c698-4e66-a7fc-48d19eebaa4f';
    await cliStep('unified panora crm.contact get',
                  ['unified', unifiedFile('get.json', { provider: 'panora', resource: 'crm.contact', operation: 'get', id: contactId })],
                  { expect: [['GET', new RegExp(`^/crm/contacts/${contactId}(\\?|$)`)]] });
    await cliStep('unified panora crm.contact create',
                  ['unified', unifiedFile('create.json', {
                      provider: 'panora', resource: 'crm.contact', operation: 'create',
                      data: { first_name: 'Ada', last_name: 'Lovelace',
                              email_addresses: [{ email_address: 'ada@example.com', email_address_type: 'WORK' }],
                              phone_numbers: [{ phone_number: '+15551234567', phone_type: 'MOBILE' }] } })],
                  { expect: [['POST', /^\/crm\/contacts(\?|$)/]] });
    await cliStep('unified panora crm.contact list (seed example 01, params page/page_size)',
                  ['unified', path.join(c.HERE, '..', '..', 'resources', 'examples', '01-panora-list-contacts.json')],
                  { expect: [['GET', /^\/crm\/contacts(\?|$)/]], knownQuery: KNOWN_QUERY_SEED01 });

    const hdr = { 'x-api-key': vars.PANORA_API_KEY, 'x-connection-token': vars.PANORA_CONNECTION_TOKEN };
    await negativeControl('GET /crm/contacts without x-connection-token', `${tapA.url}/crm/contacts?limit=5`,
                          { headers: { 'x-api-key': vars.PANORA_API_KEY } }, [400, 422], 'x-connection-token');
    await negativeControl('POST /crm/contacts without last_name', `${tapA.url}/crm/contacts`,
                          { method: 'POST', headers: { ...hdr, 'content-type': 'application/json' }, body: JSON.stringify({ first_name: 'Ada' }) },
                          [400, 422], 'last_name');
    await negativeControl('a sandbox response that breaks the GET /crm/contacts schema', `${tapA.url}/crm/contacts?limit=5`,
                          { headers: { ...hdr, [CONTROL_HEADER]: 'corrupt-response' } }, [500], 'data');
}

if (KNOWN.length) {
    c.log('\n# known spec divergences (reported, not failed; CROSSLINE_CONFORMANCE_STRICT=1 fails them)');
    for (const k of KNOWN) c.log(`  KNOWN DIVERGENCE ${k.id}: ${k.text}`);
    for (const d of divergences) c.log(`        seen on ${d}`);
}

// Prism's own log: only the deliberate negative controls may have been terminated with an error.
await new Promise((r) => setTimeout(r, 300));
const terminated = prism.proc.out.stdout.split('\n').filter((l) => /Request terminated with error/.test(l));
c.log('\n# Prism log');
c.check(terminated.length === expectedPrismErrors,
        `prism log: ${terminated.length} request(s) terminated with an error, all of them the ${expectedPrismErrors} negative controls`,
        terminated.join('\n'));
const violationLines = prism.proc.out.stdout.split('\n').filter((l) => /violation/i.test(l) && !/Request terminated/.test(l));
for (const l of violationLines.slice(0, 20)) c.log(`        prism: ${l.trim()}`);
c.log(`\n${suite}: ${tapA.exchanges.length} exchanges through Prism, ${tapB.exchanges.length} forwarded to the sandbox, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
tapA.close();
tapB.close();
await c.finish(`conformance_${suite}_prism`);
