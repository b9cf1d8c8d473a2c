#!/usr/bin/env node
// Validates the upstream requests the sandbox's emulated Nango proxy forwarded to (emulated) WhatsApp Cloud and
// Twilio, and the responses crossline-cli got back, against the official specs. Prism cannot do this part: its path
// parameters do not match '/', so Nango's /proxy/{anyPath} is unmatchable.
//
// usage: node validate-upstream.mjs RECORDED.json          (written by tst_conformance_upstream)
//        node validate-upstream.mjs --self-test            (the validator's own positive/negative controls only)
//
// RECORDED.json: { items: [ { label, kind: "whatsapp"|"twilio", exitCode, stdout, stderr, response,
//                             upstream: [ { service, method, path, rawPath, query, headers: [[name, value]...],
//                                           body, status } ] } ] }
import { readFileSync } from 'node:fs';
import * as c from './common.mjs';

c.requireNodeModules(['ajv', 'ajv-formats', 'js-yaml']);
c.deadline(60);
const { loadWhatsApp, loadTwilio, decodeForm, matchPath } = await import('./specs.mjs');

const specsDir = c.specsDir();
const wa = loadWhatsApp(specsDir);
const tw = loadTwilio(specsDir);
const header = (req, name) => (req.headers.find(([n]) => n.toLowerCase() === name.toLowerCase()) || [])[1];
const mediaType = (v) => String(v || '').split(';')[0].trim().toLowerCase();

// ---- the validator's own controls: it accepts the spec's examples and rejects broken requests ---------------------
function selfTest() {
    c.log('# validator self-test (spec examples must pass, broken bodies must fail)');
    for (const e of wa.errata) c.log(`  note  WhatsApp spec erratum applied: ${e}`);
    for (const name of ['Send Text Message', 'Send Message Template Text', 'Send Sample Shipping Confirmation Template', 'Send Sample Text Message']) {
        const ex = wa.examples[name]?.value;
        c.check(ex && wa.validateMessage(ex) === null, `whatsapp: the spec's example "${name}" validates`, ex ? wa.validateMessage(ex) : 'example missing');
    }
    c.check(wa.validateRaw(wa.examples['Send Text Message'].value) !== null,
            'whatsapp: (why the erratum) the unmodified Message schema rejects the spec\'s own "Send Text Message"');
    const good = { messaging_product: 'whatsapp', recipient_type: 'individual', to: '+15551234567', type: 'text', text: { body: 'hi' } };
    const bad = [
        ['missing "to"', { ...good, to: undefined }],
        ['text.body is a number', { ...good, text: { body: 5 } }],
        ['an unknown top-level key', { ...good, txt: { body: 'hi' } }],
        ['type "text" but a template object', { ...good, text: undefined, template: { name: 'x', language: { code: 'en_US' } } }],
        ['template without language', { ...good, type: 'template', text: undefined, template: { name: 'order_update' } }],
        ['recipient_type "person"', { ...good, recipient_type: 'person' }],
        // The index erratum widens the pattern to one digit, no further.
        ['a button index "10"', { ...good, type: 'template', text: undefined, template: { name: 'order_receipt',
            language: { code: 'en_US' }, components: [{ type: 'button', sub_type: 'url', index: '10',
                parameters: [{ type: 'text', text: 'A-1042' }] }] } }],
    ];
    for (const [what, body] of bad) c.check(wa.validateMessage(JSON.parse(JSON.stringify(body))) !== null, `whatsapp: rejects a body with ${what}`);
    for (const [name, ex] of Object.entries(wa.responseExamples).slice(0, 3))
        c.check(wa.validateResponse(ex.value) === null, `whatsapp: the spec's 200 example "${name}" validates`, wa.validateResponse(ex.value));
    c.check(wa.validateResponse({ messages: 'wamid.x' }) !== null, 'whatsapp: rejects a response whose messages is not an array');

    c.check(tw.validateForm(decodeForm('To=%2B15551234567&From=%2B15005550006&Body=Hello+there')) === null, 'twilio: a correctly encoded form validates');
    c.check(tw.validateForm(decodeForm('To=+15551234567&From=%2B15005550006&Body=Hi')) !== null, 'twilio: rejects an unencoded "+" in To (it decodes to a space)');
    c.check(tw.validateForm(decodeForm('From=%2B15005550006&Body=Hi')) !== null, 'twilio: rejects a form without To');
    c.check(tw.validateForm(decodeForm('To=%2B15551234567&MessagingServiceSid=MG123&Body=Hi')) !== null, 'twilio: rejects a malformed MessagingServiceSid');
    for (const [name, ex] of Object.entries(tw.responseExamples).slice(0, 3))
        c.check(tw.validateResponse(ex.value) === null, `twilio: the spec's 201 example "${name}" validates`, tw.validateResponse(ex.value));
    c.check(tw.validateResponse({ ...tw.responseExamples.create.value, sid: 'XX1' }) !== null, 'twilio: rejects a response with a malformed sid');
}

// ---- WhatsApp POST /{Version}/{Phone-Number-ID}/messages --------------------------------------------------------------
function checkWhatsAppRequest(label, req, requestOnly = false) {
    const where = `${label}: ${req.method} ${req.rawPath}`;
    const matches = matchPath(wa.doc.paths, req.path);
    const m = matches[0];
    if (!c.check(m && m.template === '/{Version}/{Phone-Number-ID}/messages' && wa.doc.paths[m.template][req.method.toLowerCase()]?.operationId === 'sendMessage',
                 `${where} is the spec's POST /{Version}/{Phone-Number-ID}/messages (sendMessage)`,
                 `matched: ${matches.map((x) => x.template).join(', ') || 'no path of the spec'}`)) return;
    for (const p of wa.pathParams()) {
        const v = m.params[p.name];
        c.check(v && wa.validateValue(p.schema, v) === null, `${where}: path parameter ${p.name}=${v} fits its schema`);
    }
    c.check(/^v\d+\.\d+$/.test(m.params.Version), `${where}: Version ${m.params.Version} has the Graph API form vNN.N`);
    c.check(/^\d+$/.test(m.params['Phone-Number-ID']), `${where}: Phone-Number-ID is numeric (an id, not a phone number)`);
    for (const p of wa.headerParams()) {
        let v = header(req, p.name);
        if (v === undefined) { c.check(!p.required, `${where}: header ${p.name} ${p.required ? 'is present (required)' : 'absent (optional)'}`); continue; }
        if (p.name.toLowerCase() === 'content-type') v = mediaType(v); // parameters such as charset are not part of the enum
        const shown = p.name.toLowerCase() === 'authorization' ? v.replace(/^(Bearer\s+).*/i, '$1***') : v;
        c.check(wa.validateValue(p.schema, v) === null, `${where}: header ${p.name}: ${shown} fits the spec`, wa.validateValue(p.schema, v));
    }
    let body;
    try { body = JSON.parse(req.body); } catch (e) { c.fail(`${where}: body is not JSON (${e.message}): ${req.body.slice(0, 200)}`); return; }
    c.check(wa.validateMessage(body) === null, `${where}: body (type ${body.type}) validates against components.schemas.Message`,
            `${wa.validateMessage(body)}\nbody: ${JSON.stringify(body)}`);
    c.check(typeof body.to === 'string' && /^\+?[1-9]\d{6,14}$/.test(body.to), `${where}: "to" is a phone number in international format (${body.to})`);
    if (!requestOnly) c.check(req.status === 200, `${where}: the sandbox answered 200 (the spec documents only 200 for sendMessage) — got ${req.status}`);
}

function checkWhatsAppResponse(label, response) {
    if (!c.check(response && typeof response === 'object', `${label}: crossline-cli --json printed the response object`)) return;
    c.check(wa.validateResponse(response) === null, `${label}: response validates against components.schemas.MessageResponsePayload`,
            `${wa.validateResponse(response)}\nresponse: ${JSON.stringify(response)}`);
    // The schema requires nothing: compare with the key set of the spec's "Example response" as well.
    const exampleKeys = Object.keys(wa.responseExamples['Example response'].value).sort();
    c.check(JSON.stringify(Object.keys(response).sort()) === JSON.stringify(exampleKeys),
            `${label}: response has exactly the keys of the spec's "Example response" (${exampleKeys.join(', ')})`, `got ${Object.keys(response).join(', ')}`);
    c.check(/^wamid\./.test(response.messages?.[0]?.id || ''), `${label}: messages[0].id is a wamid (${response.messages?.[0]?.id})`);
}

// ---- Twilio POST /2010-04-01/Accounts/{AccountSid}/Messages.json -------------------------------------------------------
function checkTwilioRequest(label, req, requestOnly = false) {
    const where = `${label}: ${req.method} ${req.rawPath}`;
    const matches = matchPath(tw.doc.paths, req.path);
    const m = matches[0];
    if (!c.check(m && m.template === tw.template && req.method === 'POST', `${where} is the spec's POST ${tw.template}`,
                 `matched: ${matches.map((x) => x.template).join(', ') || 'no path of the spec'}`)) return;
    const sidParam = tw.op.parameters.find((p) => p.name === 'AccountSid');
    c.check(tw.validateValue(sidParam.schema, m.params.AccountSid) === null, `${where}: AccountSid ${m.params.AccountSid} fits ^AC[0-9a-fA-F]{32}$`,
            tw.validateValue(sidParam.schema, m.params.AccountSid));
    const ct = header(req, 'content-type');
    c.check(mediaType(ct) === 'application/x-www-form-urlencoded', `${where}: Content-Type is application/x-www-form-urlencoded (the only requestBody type)`, `got ${ct}`);
    const auth = header(req, 'authorization') || '';
    const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/.exec(auth);
    const creds = basic ? Buffer.from(basic[1], 'base64').toString('utf8') : '';
    c.check(basic && /^[^:]+:.+$/.test(creds), `${where}: Authorization is HTTP Basic user:password (securitySchemes.accountSid_authToken)`);
    let form;
    try { form = decodeForm(req.body); } catch (e) { c.fail(`${where}: form body does not decode (${e.message}): ${req.body.slice(0, 200)}`); return; }
    const shown = JSON.stringify(form);
    c.check(tw.validateForm(form) === null, `${where}: form ${shown} validates against the x-www-form-urlencoded schema`, tw.validateForm(form));
    const unknown = Object.keys(form).filter((k) => !(k in tw.formSchema.properties));
    c.check(unknown.length === 0, `${where}: every form field is a documented parameter (Twilio ignores unknown ones silently)`, `unknown: ${unknown.join(', ')}`);
    c.check(!!(form.From || form.MessagingServiceSid), `${where}: From or MessagingServiceSid is given (From's description)`);
    c.check(!!(form.Body || form.MediaUrl || form.ContentSid), `${where}: Body (or MediaUrl/ContentSid) is given (Body's description)`);
    c.check(typeof form.To === 'string' && form.To.startsWith('+'), `${where}: To arrives as "+…" (${JSON.stringify(form.To)}), not " …"`);
    c.check(!/(^|&)(To|From)=\+/.test(req.body), `${where}: the '+' of phone numbers is percent-encoded (%2B) on the wire`, req.body);
    if (!requestOnly) c.check(req.status === 201, `${where}: the sandbox answered 201 (the spec documents only 201 for create) — got ${req.status}`);
}

function checkTwilioResponse(label, response) {
    if (!c.check(response && typeof response === 'object', `${label}: crossline-cli --json printed the response object`)) return;
    c.check(tw.validateResponse(response) === null, `${label}: response validates against components.schemas["api.v2010.account.message"]`,
            `${tw.validateResponse(response)}\nresponse: ${JSON.stringify(response).slice(0, 1500)}`);
    const exampleKeys = Object.keys(tw.responseExamples.create.value);
    const missing = exampleKeys.filter((k) => !(k in response));
    c.check(missing.length === 0, `${label}: response has every key of the spec's 201 example "create"`, `missing: ${missing.join(', ')}`);
    c.check(/^SM[0-9a-f]{32}$/i.test(response.sid || ''), `${label}: sid is SM + 32 hex (${response.sid})`);
}

// ---- main --------------------------------------------------------------------------------------------------------
selfTest();
const arg = process.argv[2];
if (arg && arg !== '--self-test') {
    const recorded = JSON.parse(readFileSync(arg, 'utf8'));
    c.check(Array.isArray(recorded.items) && recorded.items.length > 0, `recorded ${recorded.items?.length || 0} commands to check`);
    for (const item of recorded.items) {
        c.log(`\n# ${item.label}${item.expectation ? ` (${item.expectation})` : ''}`);
        const sends = item.upstream.filter((r) => r.method === 'POST');
        const others = item.upstream.filter((r) => r.method !== 'POST');
        for (const r of others) {
            const spec = item.kind === 'whatsapp' ? wa.doc : tw.doc;
            const covered = matchPath(spec.paths, r.path).length > 0;
            c.log(`  note  ${r.method} ${r.rawPath}${r.query ? '?' + r.query : ''} -> ${r.status}: ${covered ? 'also documented in the spec (not validated further)' : `not in ${item.kind === 'whatsapp' ? 'the WhatsApp spec' : 'the Twilio Messages extract'}: not checked`}`);
        }
        const expectedExit = item.expectedExit ?? 0;
        c.check(item.exitCode === expectedExit, `${item.label}: crossline-cli exited ${expectedExit}`, `exit ${item.exitCode}\nstderr: ${String(item.stderr).slice(0, 800)}`);
        const requestOnly = expectedExit !== 0;
        if (!c.check(sends.length === 1, `${item.label}: the proxy forwarded exactly one send upstream`,
                     `forwarded: ${item.upstream.map((r) => `${r.service} ${r.method} ${r.rawPath}`).join(', ') || 'nothing'}`)) continue;
        c.check(sends[0].service === item.kind, `${item.label}: it went to the ${item.kind} upstream`, `went to ${sends[0].service}`);
        if (item.kind === 'whatsapp') {
            checkWhatsAppRequest(item.label, sends[0], requestOnly);
            if (!requestOnly) checkWhatsAppResponse(item.label, item.response);
        } else {
            checkTwilioRequest(item.label, sends[0], requestOnly);
            if (!requestOnly) checkTwilioResponse(item.label, item.response);
        }
    }
}
await c.finish('validate-upstream');
