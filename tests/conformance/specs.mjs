// Loading the WhatsApp Cloud (OpenAPI 3.1) and Twilio Messages (OpenAPI 3.0) specs into Ajv validators.
//
// WhatsApp's `Message` schema is not usable as written: it is a `oneOf` over types such as
//   TextMessage = allOf[ BaseMessageProperties, {additionalProperties:false, properties:{type,text}} ]
// and `additionalProperties:false` inside one allOf branch rejects the other branch's properties
// (messaging_product, to, ...), so even the spec's own "Send Text Message" example fails. We therefore
// (1) pick the branch by the spec's discriminator (`type` -> mapping), and (2) merge each allOf into one object
// schema (union of properties and required; closed when any branch is closed). That is what the spec means;
// the self-test proves it accepts the spec's own examples and still rejects broken bodies.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { HERE } from './common.mjs';

const require = createRequire(path.join(HERE, 'package.json'));
const yaml = require('js-yaml');
const Ajv2020 = require('ajv/dist/2020').default;
const Ajv = require('ajv').default;
const addFormats = require('ajv-formats');

// Twilio's custom formats. "phone-number" per the spec's text: E.164 (+ and 2-15 digits), a channel address
// (whatsapp:+1..., messenger:...), a short code, or an alphanumeric sender id. A leading space (" 1555...", what an
// unencoded '+' turns into) is none of these.
const FORMATS = {
    'phone-number': /^(\+[1-9]\d{1,14}|[a-z][a-z0-9-]*:\S+|\d{3,8}|(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11})$/,
    'date-time-rfc-2822': /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/,
    'uri-template': true,
    currency: true,   // Twilio: ISO 4217 code, not checked
    'uri-map': true,  // Twilio: object of relative URIs, not checked
};

function newAjv(Klass, options = {}) {
    const ajv = new Klass({ strict: false, logger: false, allErrors: true, validateSchema: false, validateFormats: true, ...options });
    addFormats(ajv);
    for (const [name, re] of Object.entries(FORMATS)) ajv.addFormat(name, re);
    return ajv;
}

export function errorsText(errors) {
    return (errors || []).map((e) => `${e.instancePath || '(root)'} ${e.message}${e.params && Object.keys(e.params).length ? ' ' + JSON.stringify(e.params) : ''}`).join('; ');
}

// Path templates: {Param} matches one segment (no '/'), as in OpenAPI.
export function matchPath(paths, actual) {
    const matches = [];
    for (const template of Object.keys(paths)) {
        const names = [];
        const re = new RegExp('^' + template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, n) => { names.push(n); return '([^/]+)'; }) + '$');
        const m = re.exec(actual);
        if (m) matches.push({ template, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])])), literal: template.replace(/\{[^}]+\}/g, '').length });
    }
    matches.sort((a, b) => b.literal - a.literal); // the most concrete template wins
    return matches;
}

function resolveRef(doc, ref) {
    if (!ref.startsWith('#/')) throw new Error(`external $ref not supported: ${ref}`);
    return ref.slice(2).split('/').reduce((o, k) => o?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
}

// Merges allOf branches into one object schema (recursively, $refs of branches inlined).
function flattenAllOf(doc, schema, seen = new Set()) {
    if (Array.isArray(schema)) return schema.map((s) => flattenAllOf(doc, s, seen));
    if (!schema || typeof schema !== 'object') return schema;
    const out = {};
    for (const [k, v] of Object.entries(schema)) {
        if (k === 'example' || k === 'examples') { out[k] = v; continue; }
        out[k] = typeof v === 'object' ? flattenAllOf(doc, v, seen) : v;
    }
    if (!Array.isArray(out.allOf)) return out;
    const merged = { ...out };
    delete merged.allOf;
    let closed = false;
    merged.properties = { ...(merged.properties || {}) };
    merged.required = [...(merged.required || [])];
    for (let branch of out.allOf) {
        const refName = branch.$ref;
        if (refName) {
            if (seen.has(refName)) throw new Error(`recursive allOf through ${refName}`);
            branch = flattenAllOf(doc, resolveRef(doc, refName), new Set([...seen, refName]));
        }
        if (branch.additionalProperties === false) closed = true;
        Object.assign(merged.properties, branch.properties || {});
        merged.required.push(...(branch.required || []));
        for (const [k, v] of Object.entries(branch)) {
            // A parent's discriminator stays with the parent (copying it into the child would loop back to the child).
            if (!['properties', 'required', 'additionalProperties', 'description', 'example', 'discriminator'].includes(k) && !(k in merged)) merged[k] = v;
        }
    }
    merged.required = [...new Set(merged.required)];
    if (closed) merged.additionalProperties = false;
    if (!merged.required.length) delete merged.required;
    return merged;
}

// OpenAPI's discriminator, spelled in JSON Schema: the value of `propertyName` selects the mapped schema.
// The oneOf/anyOf it sits on is dropped (after merging, several closed branches may overlap; the mapping decides).
function applyDiscriminators(schema) {
    if (Array.isArray(schema)) return schema.map(applyDiscriminators);
    if (!schema || typeof schema !== 'object') return schema;
    const out = {};
    for (const [k, v] of Object.entries(schema)) out[k] = k === 'example' || k === 'examples' ? v : applyDiscriminators(v);
    const d = out.discriminator;
    if (d?.propertyName && d.mapping) {
        const prop = d.propertyName;
        delete out.oneOf;
        delete out.anyOf;
        out.required = [...new Set([...(out.required || []), prop])];
        out.properties = { ...(out.properties || {}) };
        out.properties[prop] = { ...(out.properties[prop] || {}), enum: Object.keys(d.mapping) };
        out.allOf = [...(out.allOf || []), ...Object.entries(d.mapping).map(([value, ref]) => ({
            if: { properties: { [prop]: { const: value } }, required: [prop] }, then: { $ref: ref } }))];
    }
    return out;
}

export function loadWhatsApp(specsDir) {
    const file = path.join(specsDir, 'business-messaging-api_v23.0.yaml');
    // The spec has a few unquoted integer response codes (200: instead of '200':): js-yaml turns both into the same key.
    const doc = yaml.load(readFileSync(file, 'utf8'));
    const schemas = {};
    for (const [name, s] of Object.entries(doc.components.schemas)) schemas[name] = applyDiscriminators(flattenAllOf(doc, s));
    // Erratum: LanguageObject requires `policy`, yet every template example of sendMessage omits it (Meta's
    // reference calls it optional, "deterministic" being the only value). Optional here; its enum still applies.
    const errata = [];
    if (schemas.LanguageObject?.required?.includes('policy')) {
        schemas.LanguageObject = { ...schemas.LanguageObject, required: schemas.LanguageObject.required.filter((r) => r !== 'policy') };
        errata.push('components.schemas.LanguageObject.required lists "policy", but every template example of sendMessage omits it: treated as optional');
    }
    // Erratum: a button's `index` is documented as "Position index of the button (0-9)" with example '0', but its
    // pattern ^[2-6, 11-14]$ refuses 0, 1, 7, 8 and 9 (a character class, not a range list). The description wins.
    const badIndex = '^[2-6, 11-14]$';
    const fixIndex = (node) => {
        if (!node || typeof node !== 'object') return 0;
        let n = 0;
        if (node.properties?.index?.pattern === badIndex) {
            node.properties = { ...node.properties, index: { ...node.properties.index, pattern: '^[0-9]$' } };
            n++;
        }
        for (const v of Object.values(node)) n += fixIndex(v);
        return n;
    };
    if (Object.values(schemas).reduce((n, s) => n + fixIndex(s), 0) > 0)
        errata.push(`a button component's index has pattern "${badIndex}", refusing the "0" of its own description (0-9) and example: ^[0-9]$ used`);
    errata.unshift('components.schemas.Message (and TemplateComponent, ParameterObject, ...): allOf[Base, {additionalProperties:false,...}] rejects the spec\'s own examples: allOf branches merged into one object schema, oneOf replaced by the discriminator mapping');
    const ID = 'https://crossline.test/whatsapp';
    const ajv = newAjv(Ajv2020);
    ajv.addSchema({ $id: ID, components: { schemas } });
    const cache = new Map();
    const compiled = (ref) => {
        if (!cache.has(ref)) cache.set(ref, ajv.compile({ $ref: `${ID}${ref}` }));
        return cache.get(ref);
    };
    const op = doc.paths['/{Version}/{Phone-Number-ID}/messages'].post;
    const messageSchema = doc.components.schemas.Message;
    return {
        file, doc, op, errata,
        // The raw schema as written (to show it is unusable) - allOf not merged, no discriminator.
        validateRaw(body) {
            const raw = newAjv(Ajv2020);
            raw.addSchema({ $id: ID + '-raw', components: doc.components });
            const v = raw.compile({ $ref: `${ID}-raw#/components/schemas/Message` });
            return v(body) ? null : errorsText(v.errors);
        },
        validateMessage(body) {
            const v = compiled('#/components/schemas/Message');
            const target = messageSchema.discriminator.mapping[body?.type];
            return v(body) ? null : `${target ? target.split('/').pop() : 'Message'}: ${errorsText(v.errors)}`;
        },
        validateResponse(body) {
            const ref = op.responses['200'].content['application/json'].schema.$ref;
            const v = compiled(ref);
            return v(body) ? null : errorsText(v.errors);
        },
        headerParams() {
            return (op.parameters || []).map((p) => (p.$ref ? resolveRef(doc, p.$ref) : p)).filter((p) => p.in === 'header');
        },
        pathParams() {
            return doc.paths['/{Version}/{Phone-Number-ID}/messages'].parameters || [];
        },
        validateValue(schema, value) {
            const v = ajv.compile(schema);
            return v(value) ? null : errorsText(v.errors);
        },
        examples: op.requestBody.content['application/json'].examples,
        responseExamples: op.responses['200'].content['application/json'].examples,
    };
}

export function loadTwilio(specsDir) {
    const file = path.join(specsDir, 'twilio-messages-openapi.json');
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    const ID = 'https://crossline.test/twilio';
    // Form values are strings on the wire: coerce to the declared scalar types (and repeated keys to arrays).
    const ajv = newAjv(Ajv, { coerceTypes: 'array' });
    const strict = newAjv(Ajv);
    ajv.addSchema({ $id: ID, components: doc.components });
    strict.addSchema({ $id: ID, components: doc.components });
    const template = '/2010-04-01/Accounts/{AccountSid}/Messages.json';
    const op = doc.paths[template].post;
    const formSchema = op.requestBody.content['application/x-www-form-urlencoded'].schema;
    const fixRefs = (s) => JSON.parse(JSON.stringify(s).replace(/"#\/components\//g, `"${ID}#/components/`));
    const validateForm = ajv.compile(fixRefs(formSchema));
    const responseRef = op.responses['201'].content['application/json'].schema.$ref;
    const validateResp = strict.compile({ $ref: `${ID}${responseRef}` });
    return {
        file, doc, op, template, formSchema,
        validateForm(form) {
            const copy = JSON.parse(JSON.stringify(form));
            return validateForm(copy) ? null : errorsText(validateForm.errors);
        },
        validateResponse(body) { return validateResp(body) ? null : errorsText(validateResp.errors); },
        validateValue(schema, value) {
            const v = strict.compile(fixRefs(schema));
            return v(value) ? null : errorsText(v.errors);
        },
        responseExamples: op.responses['201'].content['application/json'].examples,
    };
}

// application/x-www-form-urlencoded -> object ('+' is a space; repeated keys become arrays).
export function decodeForm(text) {
    const out = {};
    if (!text) return out;
    for (const part of text.split('&')) {
        if (!part) continue;
        const eq = part.indexOf('=');
        const dec = (s) => decodeURIComponent(s.replace(/\+/g, ' '));
        const key = dec(eq < 0 ? part : part.slice(0, eq));
        const value = dec(eq < 0 ? '' : part.slice(eq + 1));
        if (key in out) out[key] = [].concat(out[key], value);
        else out[key] = value;
    }
    return out;
}
