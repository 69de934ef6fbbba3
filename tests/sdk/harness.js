'use strict';
// Starts a casql server on ephemeral ports for one test file and connects the official
// Couchbase SDK to it. The SDK module is optional: without it (no npm registry when the
// dependencies were installed) every script exits 77, which ctest reports as skipped.
const { spawn } = require('node:child_process');
const net = require('node:net');
const readline = require('node:readline');

const SKIP = 77;

function requireSdk() {
  try {
    return require('couchbase');
  } catch (e) {
    console.error(`SKIPPED: the couchbase SDK is not installed in tests/sdk (${e.code}); ` +
                  'run `npm install` there (scripts/test.sh does when the npm registry is reachable)');
    process.exit(SKIP);
  }
}

// A port that was free a moment ago. The server may still lose it to another process, so
// startCasql retries with a new one.
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function launch(binary, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    const lines = readline.createInterface({ input: child.stdout });
    let httpPort = 0;
    lines.on('line', (line) => {
      const http = line.match(/^casql listening on http:\/\/127\.0\.0\.1:(\d+)$/);
      if (http) httpPort = Number(http[1]);
      const kv = line.match(/^casql KV protocol on 127\.0\.0\.1:(\d+)$/);
      if (kv) resolve({ child, httpPort, kvPort: Number(kv[1]) });
    });
    child.on('exit', (code) => reject(new Error(`casql exited with ${code}: ${stderr}`)));
  });
}

async function startCasql(extraArgs = []) {
  const binary = process.env.CASQL_BINARY;
  if (!binary) throw new Error('set CASQL_BINARY to the casql executable');
  let lastError;
  for (let attempt = 0; attempt < 5; ++attempt) {
    const kvPort = await freePort();
    const args = ['serve', '--memory', '--port', '0', '--kv-port', String(kvPort),
                  '--bucket', 'travel', ...extraArgs];
    try {
      const server = await launch(binary, args);
      server.child.removeAllListeners('exit');
      server.stop = () => new Promise((resolve) => {
        server.child.on('exit', resolve);
        server.child.kill('SIGTERM');
      });
      return server;
    } catch (e) {
      lastError = e;
    }
  }
  throw lastError;
}

async function connect(couchbase, server, options = {}, query = '') {
  return couchbase.connect(`couchbase://127.0.0.1:${server.kvPort}${query}`, {
    username: 'Administrator',
    password: 'password',
    // Generous: the tests share a loaded machine, and no test is about speed.
    timeouts: { kvTimeout: 10000, queryTimeout: 30000, connectTimeout: 20000,
                bootstrapTimeout: 20000 },
    ...options,
  });
}

module.exports = { requireSdk, startCasql, connect };
