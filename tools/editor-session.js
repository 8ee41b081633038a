// Drives yaml-language-server over stdio as an editor would, on a starter plan written by
// `pathway init`, and checks what a user sees: completion of the keys under `organization:`,
// each word of a vocabulary offered with its own meaning, hovers that read as plain text, and
// a diagnostic on a misspelled key. Run by tools/check-schema-tools; needs only Node.
//
//   node tools/editor-session.js PLAN.yaml [SERVER_COMMAND...]
//
// Expected values come from the schema file the plan points at, not from the server. Every
// wait is for a message from the server; a server that never answers is stopped by the
// caller's hang guard, not by a timer here.
'use strict';

const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');

const planPath = path.resolve(process.argv[2]);
const serverCommand = process.argv.length > 3 ? process.argv.slice(3) : ['yaml-language-server'];
const uri = pathToFileURL(planPath).href;
const failures = [];

function check(condition, what, detail) {
  if (condition) {
    console.log(`ok: ${what}`);
  } else {
    failures.push(what);
    console.log(`FAIL: ${what}${detail === undefined ? '' : `\n  ${detail}`}`);
  }
}

// --- The schema, read the way the server reads it: from the path on the plan's first line.
const planText = fs.readFileSync(planPath, 'utf8');
const modeline = /^# yaml-language-server: \$schema=(\S+)\n/.exec(planText);
if (!modeline) {
  console.log('FAIL: the plan has no modeline on its first line');
  process.exit(1);
}
if (/^[a-z][a-z0-9+.-]*:/i.test(modeline[1])) {
  console.log(`FAIL: the modeline points at ${modeline[1]}, which an editor cannot load with no network`);
  process.exit(1);
}
const schemaPath = path.resolve(path.dirname(planPath), modeline[1]);
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
function resolve(node) {
  for (let i = 0; i < 16 && node; i++) {
    if (node.$ref) {
      node = schema.$defs[node.$ref.replace('#/$defs/', '')];
    } else if (node.anyOf) {
      node = node.anyOf.find((branch) => branch.type !== 'null');
    } else {
      return node;
    }
  }
  return node;
}
const organization = resolve(schema.properties.organization);
const kindWords = resolve(organization.properties.kind).oneOf ?? [];

// --- A minimal LSP client.
const server = spawn(serverCommand[0], [...serverCommand.slice(1), '--stdio'], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
server.on('error', (error) => {
  console.log(`FAIL: cannot start ${serverCommand.join(' ')}: ${error.message}`);
  process.exit(1);
});
let received = Buffer.alloc(0);
let nextId = 1;
const answers = new Map();
const diagnosticWaiters = [];
// The settings an editor would send, with the schema store (a download) turned off and any
// download sent to a proxy that does not exist, so only the file on disk can be used.
const settings = {
  yaml: { validate: true, hover: true, completion: true, schemaStore: { enable: false } },
  http: { proxy: 'http://127.0.0.1:9', proxyStrictSSL: true },
};

function send(message) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }));
  server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  server.stdin.write(body);
}
function request(method, params) {
  const id = nextId++;
  send({ id, method, params });
  return new Promise((resolve) => answers.set(id, resolve));
}
function nextDiagnostics() {
  return new Promise((resolve) => diagnosticWaiters.push(resolve));
}
function handle(message) {
  if (message.id !== undefined && message.method) {
    // A request from the server: configuration is answered, anything else acknowledged.
    const result =
      message.method === 'workspace/configuration'
        ? message.params.items.map((item) => settings[item.section] ?? null)
        : null;
    send({ id: message.id, result });
  } else if (message.id !== undefined) {
    const answer = answers.get(message.id);
    answers.delete(message.id);
    if (answer) answer(message.result ?? null);
  } else if (message.method === 'textDocument/publishDiagnostics' && message.params.uri === uri) {
    const waiter = diagnosticWaiters.shift();
    if (waiter) waiter(message.params.diagnostics);
  }
}
server.stdout.on('data', (chunk) => {
  received = Buffer.concat([received, chunk]);
  for (;;) {
    const end = received.indexOf('\r\n\r\n');
    if (end < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(received.subarray(0, end).toString())[1]);
    if (received.length < end + 4 + length) return;
    handle(JSON.parse(received.subarray(end + 4, end + 4 + length).toString('utf8')));
    received = received.subarray(end + 4 + length);
  }
});

// What a Markdown hover reads as: backslash escapes shown as the character they escape.
const rendered = (markdown) => markdown.replace(/\\([\\`*_{}[\]#+!-])/g, '$1');
const documentation = (item) =>
  typeof item.documentation === 'string' ? item.documentation : item.documentation?.value;

async function main() {
  await request('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: {
      workspace: { configuration: true },
      textDocument: {
        completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'] } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
      },
    },
  });
  send({ method: 'initialized', params: {} });
  send({ method: 'workspace/didChangeConfiguration', params: { settings } });

  // The plan as `pathway init` wrote it, with the cursor on a new line in `organization:`.
  const lines = planText.split('\n');
  const organizationLine = lines.indexOf('organization:');
  let blockEnd = organizationLine + 1;
  while (lines[blockEnd].startsWith('  ')) blockEnd++;
  lines.splice(blockEnd, 0, '  ');
  const opened = nextDiagnostics();
  send({
    method: 'textDocument/didOpen',
    params: { textDocument: { uri, languageId: 'yaml', version: 1, text: lines.join('\n') } },
  });
  const first = await opened;
  check(
    first.length === 0,
    'the starter plan has no diagnostics (the schema loaded)',
    JSON.stringify(first.map((d) => d.message)),
  );

  const keys = await request('textDocument/completion', {
    textDocument: { uri },
    position: { line: blockEnd, character: 2 },
  });
  const written = new Set(
    lines.slice(organizationLine + 1, blockEnd).map((line) => line.trim().split(':')[0]),
  );
  const expected = Object.keys(organization.properties).filter((key) => !written.has(key));
  const offered = new Map((keys?.items ?? []).map((item) => [item.label, item]));
  check(
    expected.length > 0 && expected.every((key) => offered.has(key)),
    `completion under organization: offers ${expected.join(', ')}`,
    `offered: ${[...offered.keys()].join(', ')}`,
  );
  check(
    expected.every(
      (key) => documentation(offered.get(key) ?? {}) === organization.properties[key].description,
    ),
    'each key is offered with its description',
  );

  const kindLine = lines.findIndex((line) => line.startsWith('  kind:'));
  const words = await request('textDocument/completion', {
    textDocument: { uri },
    position: { line: kindLine, character: '  kind: '.length },
  });
  const wordDocs = new Map((words?.items ?? []).map((item) => [item.label, documentation(item)]));
  check(
    kindWords.length > 0 && kindWords.every((word) => wordDocs.get(word.const) === word.description),
    `completion of kind: offers ${kindWords.map((w) => w.const).join(', ')}, each with its own meaning`,
    JSON.stringify([...wordDocs]),
  );

  const hover = await request('textDocument/hover', {
    textDocument: { uri },
    position: { line: organizationLine, character: 3 },
  });
  const hoverText = hover?.contents?.value ?? '';
  check(
    rendered(hoverText).includes(schema.properties.organization.description),
    'hover on organization shows its description',
    JSON.stringify(hoverText),
  );
  const nameLine = lines.findIndex((line) => line.startsWith('  name:'));
  const nameHover = await request('textDocument/hover', {
    textDocument: { uri },
    position: { line: nameLine, character: 3 },
  });
  const nameText = nameHover?.contents?.value ?? '';
  check(
    rendered(nameText).includes(organization.properties.name.description),
    'hover on organization.name shows its description',
    JSON.stringify(nameText),
  );
  const readinessLine = lines.findIndex((line) => line.startsWith('readiness:'));
  const readinessHover = await request('textDocument/hover', {
    textDocument: { uri },
    position: { line: readinessLine, character: 3 },
  });
  const readinessText = readinessHover?.contents?.value ?? '';
  const level = /^readiness: (\S+)/.exec(lines[readinessLine])[1];
  const meaning = (resolve(schema.properties.readiness).oneOf ?? []).find((w) => w.const === level);
  check(
    meaning !== undefined && rendered(readinessText).includes(meaning.description),
    `hover on readiness: ${level} shows what ${level} means`,
    JSON.stringify(readinessText),
  );
  const hovers = [hoverText, nameText, readinessText];
  check(
    hovers.every((text) => !text.includes('\\`')),
    'hovers show no escaped Markdown (no literal backquotes)',
    JSON.stringify(hovers),
  );
  check(
    hovers.every((text) => text.includes(pathToFileURL(schemaPath).href)),
    `hovers name the schema on disk, ${path.relative(path.dirname(planPath), schemaPath)}`,
  );

  // A misspelled key, as typed.
  const misspelled = [...lines];
  misspelled[nameLine] = misspelled[nameLine].replace('  name:', '  nmae:');
  const changed = nextDiagnostics();
  send({
    method: 'textDocument/didChange',
    params: { textDocument: { uri, version: 2 }, contentChanges: [{ text: misspelled.join('\n') }] },
  });
  const after = await changed;
  check(
    after.some((d) => d.range.start.line === nameLine && d.severity === 1 && /nmae/.test(d.message)),
    'a misspelled key (nmae) gets an error on its line',
    JSON.stringify(after.map((d) => [d.range.start.line, d.message])),
  );

  await request('shutdown', null);
  send({ method: 'exit' });
  server.stdin.end();
  if (failures.length > 0) {
    console.log(`editor session: ${failures.length} failed`);
    process.exit(1);
  }
  console.log('editor session: all passed');
  process.exit(0);
}

main().catch((error) => {
  console.log(`FAIL: ${error.stack}`);
  process.exit(1);
});
