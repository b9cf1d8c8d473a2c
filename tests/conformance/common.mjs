// Shared plumbing for the conformance checks: locating things, bounded child processes, taps, reporting.
// Everything listens on 127.0.0.1 only; every child is killed (its whole process group) on exit, on failure,
// on a signal and when the global deadline passes.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = path.dirname(fileURLToPath(import.meta.url)); // tests/conformance
export const SETUP_COMMAND = 'npm ci --prefix tests/conformance';

// ---- reporting -----------------------------------------------------------------------------------------------------
const failures = [];
export function log(...args) { console.log(...args); }
export function ok(message) { console.log(`  ok    ${message}`); }
export function fail(message) { failures.push(message); console.log(`  FAIL  ${message}`); }
export function check(condition, message, detail) {
    if (condition) ok(message);
    else fail(detail ? `${message}\n        ${String(detail).replace(/\n/g, '\n        ')}` : message);
    return !!condition;
}
export function failureCount() { return failures.length; }

// A hard stop: reported as a failure, children killed, exit 1. Never a silent pass.
export function abort(message) {
    console.error(`\nconformance: ${message}`);
    cleanup();
    process.exit(1);
}

export async function finish(name) {
    await shutdown();
    if (failures.length) {
        console.log(`\n${name}: ${failures.length} check(s) FAILED:`);
        for (const f of failures) console.log(` - ${f.split('\n')[0]}`);
        process.exit(1);
    }
    console.log(`\n${name}: all checks passed`);
    process.exit(0);
}

// ---- locating the pieces -------------------------------------------------------------------------------------------
// node_modules are installed by the project's setup; without them the check FAILS (it never skips).
export function requireNodeModules(packages) {
    const missing = packages.filter((p) => !existsSync(path.join(HERE, 'node_modules', p, 'package.json')));
    if (missing.length) {
        abort(`the conformance tools are not installed (missing ${missing.join(', ')} in ${path.join(HERE, 'node_modules')}).\n` +
              `Run the project's setup, or from the source root: ${SETUP_COMMAND}`);
    }
}

export function specsDir() {
    const fromEnv = process.env.CROSSLINE_SPECS_DIR;
    if (fromEnv) {
        if (!existsSync(fromEnv)) abort(`CROSSLINE_SPECS_DIR=${fromEnv} does not exist`);
        return fromEnv;
    }
    const source = process.env.CROSSLINE_SOURCE_DIR || path.resolve(HERE, '..', '..');
    const beside = path.resolve(source, '..', 'shared', 'specs');
    if (!existsSync(beside))
        abort(`the official specs were not found: set CROSSLINE_SPECS_DIR, or put shared/specs beside the checkout (looked in ${beside})`);
    return beside;
}

export function specPath(name) {
    const p = path.join(specsDir(), name);
    if (!existsSync(p)) abort(`spec ${name} is missing from ${specsDir()}`);
    return p;
}

export function cliPath() {
    const cli = process.env.CROSSLINE_CLI;
    if (!cli) abort('CROSSLINE_CLI is not set (it is set by CTest to the built crossline-cli)');
    if (!existsSync(cli)) abort(`CROSSLINE_CLI=${cli} does not exist: build the crossline-cli target first`);
    return cli;
}

// ---- children ------------------------------------------------------------------------------------------------------
const children = new Set();
const tempDirs = new Set();

function killTree(child, signal = 'SIGTERM') {
    if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
    try { process.kill(-child.pid, signal); } catch { try { child.kill(signal); } catch { /* gone */ } }
}

export function cleanup() {
    for (const child of children) {
        killTree(child, 'SIGTERM');
        // A child that ignores SIGTERM gets SIGKILL a moment later (synchronously waiting is not possible here).
        setTimeout(() => killTree(child, 'SIGKILL'), 1500).unref();
    }
    for (const dir of tempDirs) {
        try { rmSync(dir, { recursive: true, force: true }); } catch { /* best effort */ }
    }
    tempDirs.clear();
}

// Graceful stop: SIGTERM to every child's group, wait up to 3 s, then SIGKILL what is left.
export async function shutdown() {
    const pending = [...children];
    for (const child of pending) killTree(child, 'SIGTERM');
    const until = Date.now() + 3000;
    while (pending.some((c) => c.exitCode === null && c.signalCode === null) && Date.now() < until)
        await new Promise((r) => setTimeout(r, 50));
    for (const child of pending) killTree(child, 'SIGKILL');
    cleanup();
}

process.on('exit', () => {
    for (const child of children) killTree(child, 'SIGKILL');
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => abort(`interrupted by ${sig}`));
}
process.on('uncaughtException', (e) => abort(`internal error: ${e?.stack || e}`));
process.on('unhandledRejection', (e) => abort(`internal error: ${e?.stack || e}`));

export function deadline(seconds) {
    setTimeout(() => abort(`the whole check took longer than ${seconds} s`), seconds * 1000).unref();
}

export function tempDir(prefix) {
    const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
    tempDirs.add(dir);
    return dir;
}

// A clean environment for crossline-cli: no user settings, keychain or session bus, only what we give it.
export function isolatedEnv(extra = {}) {
    const home = tempDir('crossline-conf-home-');
    const env = {
        PATH: process.env.PATH || '/usr/bin:/bin',
        HOME: home,
        XDG_CONFIG_HOME: path.join(home, 'config'),
        XDG_DATA_HOME: path.join(home, 'data'),
        XDG_CACHE_HOME: path.join(home, 'cache'),
        LANG: 'C.UTF-8',
        QT_QPA_PLATFORM: 'offscreen',
        DBUS_SESSION_BUS_ADDRESS: 'disabled:',
        ...extra,
    };
    return env;
}

// A long-running child in its own process group; output collected line by line.
export function startProcess(name, command, args, { env, cwd } = {}) {
    const child = spawn(command, args, { env: env || process.env, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    const out = { stdout: '', stderr: '' };
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (d) => { out.stdout += d; });
    child.stderr.on('data', (d) => { out.stderr += d; });
    child.on('error', (e) => { out.stderr += `\n[spawn error] ${e.message}`; });
    child.on('exit', () => children.delete(child));
    return {
        name, child, out,
        stop() { killTree(child, 'SIGTERM'); },
        alive() { return child.exitCode === null && child.signalCode === null; },
    };
}

// Waits until `predicate()` is true; polls every 50 ms; fails with `what` after `ms`.
export async function waitFor(what, predicate, ms) {
    const until = Date.now() + ms;
    for (;;) {
        const v = await predicate();
        if (v) return v;
        if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 50));
    }
}

export function canConnect(port) {
    return new Promise((resolve) => {
        const s = net.connect({ host: '127.0.0.1', port });
        s.setTimeout(500);
        s.once('connect', () => { s.destroy(); resolve(true); });
        s.once('error', () => resolve(false));
        s.once('timeout', () => { s.destroy(); resolve(false); });
    });
}

export function freePort() {
    return new Promise((resolve, reject) => {
        const srv = net.createServer();
        srv.once('error', reject);
        srv.listen(0, '127.0.0.1', () => {
            const { port } = srv.address();
            srv.close(() => resolve(port));
        });
    });
}

// Runs a command to completion with a timeout; never throws.
export function run(command, args, { env, input, timeoutMs = 30000 } = {}) {
    return new Promise((resolve) => {
        const child = spawn(command, args, { env: env || process.env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
        children.add(child);
        let stdout = '';
        let stderr = '';
        let timedOut = false;
        child.stdout.setEncoding('utf8');
        child.stderr.setEncoding('utf8');
        child.stdout.on('data', (d) => { stdout += d; });
        child.stderr.on('data', (d) => { stderr += d; });
        const timer = setTimeout(() => { timedOut = true; killTree(child, 'SIGKILL'); }, timeoutMs);
        child.on('error', (e) => { stderr += `\n[spawn error] ${e.message}`; });
        child.on('close', (code, signal) => {
            clearTimeout(timer);
            children.delete(child);
            resolve({ code: timedOut ? -1 : code, signal, stdout, stderr, timedOut });
        });
        child.stdin.on('error', () => {});
        child.stdin.end(input ?? '');
    });
}

// ---- crossline-cli sandbox ---------------------------------------------------------------------------------------
export async function startSandbox(env, extraArgs = []) {
    const cli = cliPath();
    const proc = startProcess('sandbox', cli, ['sandbox', '--port=0', ...extraArgs], { env });
    const keys = ['NANGO_API_BASE', 'NANGO_SECRET_KEY', 'PANORA_API_URL', 'PANORA_API_KEY', 'PANORA_CONNECTION_TOKEN'];
    let vars;
    try {
        vars = await waitFor('crossline-cli sandbox to print its NANGO_/PANORA_ lines', () => {
            if (!proc.alive()) throw new Error(`crossline-cli sandbox exited early (code ${proc.child.exitCode}):\n${proc.out.stdout}\n${proc.out.stderr}`);
            const found = {};
            for (const line of proc.out.stdout.split(/\r?\n/)) {
                const m = /^(?:export\s+)?([A-Z_]+)=(.*)$/.exec(line.trim());
                if (m) found[m[1]] = m[2].replace(/^["']|["']$/g, '');
            }
            return keys.every((k) => found[k]) ? found : null;
        }, 20000);
    } catch (e) {
        abort(`${e.message}\nsandbox stdout:\n${proc.out.stdout}\nsandbox stderr:\n${proc.out.stderr}`);
    }
    const port = (u) => Number(new URL(u).port);
    await waitFor('the sandbox to accept connections', async () => (await canConnect(port(vars.NANGO_API_BASE))) && (await canConnect(port(vars.PANORA_API_URL))), 10000)
        .catch((e) => abort(e.message));
    return { proc, vars };
}

// ---- Prism -------------------------------------------------------------------------------------------------------
export async function startPrism(spec, upstreamUrl) {
    const port = await freePort();
    const prismBin = path.join(HERE, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js');
    if (!existsSync(prismBin)) requireNodeModules(['@stoplight/prism-cli']);
    const proc = startProcess('prism', process.execPath,
        [prismBin, 'proxy', spec, upstreamUrl, '--errors', '-p', String(port), '-h', '127.0.0.1'],
        { env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    try {
        await waitFor(`prism proxy ${path.basename(spec)} to listen on ${port}`, async () => {
            if (!proc.alive()) throw new Error(`prism exited early (code ${proc.child.exitCode}):\n${proc.out.stdout}\n${proc.out.stderr}`);
            return /Prism is listening/.test(proc.out.stdout) && (await canConnect(port));
        }, 40000);
    } catch (e) {
        abort(`${e.message}\nprism stdout:\n${proc.out.stdout.slice(-4000)}\nprism stderr:\n${proc.out.stderr.slice(-4000)}`);
    }
    return { proc, port, url: `http://127.0.0.1:${port}` };
}

// Prism's own error answers: application/problem+json with a stoplight type.
export function prismProblem(res) {
    if (!/application\/problem\+json/i.test(res.headers['content-type'] || '')) return null;
    try {
        const body = JSON.parse(res.body);
        if (typeof body.type === 'string' && body.type.includes('stoplight.io/prism/errors')) return body;
    } catch { /* not Prism's */ }
    return null;
}

export function violationsOf(res) {
    const raw = res.headers['sl-violations'];
    if (!raw) return [];
    try { return JSON.parse(raw); } catch { return [{ severity: 'Error', message: `unparsable sl-violations: ${raw}` }]; }
}

// ---- taps: record every exchange on one hop ------------------------------------------------------------------------
// client -> tap -> target. `mutate(req, upstreamRes)` may replace the response (used for the response-side control).
export async function startTap(name, targetPort, { mutate } = {}) {
    const exchanges = [];
    const server = http.createServer((req, res) => {
        const chunks = [];
        req.on('data', (c) => chunks.push(c));
        req.on('end', () => {
            const body = Buffer.concat(chunks);
            const headers = { ...req.headers, host: `127.0.0.1:${targetPort}` };
            const up = http.request({ host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers }, (ures) => {
                const uchunks = [];
                ures.on('data', (c) => uchunks.push(c));
                ures.on('end', () => {
                    let status = ures.statusCode;
                    let rheaders = { ...ures.headers };
                    let rbody = Buffer.concat(uchunks);
                    const replaced = mutate ? mutate({ method: req.method, url: req.url, headers: req.headers, body }, { status, headers: rheaders, body: rbody }) : null;
                    if (replaced) ({ status, headers: rheaders, body: rbody } = replaced);
                    delete rheaders['transfer-encoding'];
                    rheaders['content-length'] = String(rbody.length);
                    exchanges.push({ method: req.method, url: req.url, reqHeaders: req.headers, reqBody: body.toString('utf8'),
                                     status, headers: rheaders, body: rbody.toString('utf8'), replaced: !!replaced, at: Date.now() });
                    res.writeHead(status, rheaders);
                    res.end(rbody);
                });
            });
            up.setTimeout(30000, () => up.destroy(new Error('tap upstream timeout')));
            up.on('error', (e) => {
                exchanges.push({ method: req.method, url: req.url, reqHeaders: req.headers, reqBody: body.toString('utf8'),
                                 status: 0, headers: {}, body: `tap error: ${e.message}`, at: Date.now() });
                res.writeHead(502, { 'content-type': 'text/plain' });
                res.end(`tap ${name}: ${e.message}`);
            });
            up.end(body);
        });
    });
    server.keepAliveTimeout = 1000;
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = server.address().port;
    return {
        name, port, url: `http://127.0.0.1:${port}`, exchanges,
        mark() { return exchanges.length; },
        since(mark) { return exchanges.slice(mark); },
        close() { server.closeAllConnections?.(); server.close(); },
    };
}

// A raw request (the negative controls), bounded.
export function rawRequest(url, { method = 'GET', headers = {}, body } = {}) {
    return new Promise((resolve) => {
        const u = new URL(url);
        const req = http.request({ host: '127.0.0.1', port: u.port, method, path: u.pathname + u.search, headers }, (res) => {
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        });
        req.setTimeout(15000, () => req.destroy(new Error('timeout')));
        req.on('error', (e) => resolve({ status: 0, headers: {}, body: `error: ${e.message}` }));
        req.end(body);
    });
}

export function readJson(p) { return JSON.parse(readFileSync(p, 'utf8')); }
