// Parses and validates an AsyncAPI document with the official parser (@asyncapi/parser), following its file
// references (the event schemas of fiko-events), then checks every message example against its message's payload
// schema (the parser does not). Prints each problem as a line of JSON, then a summary line; exits 1 on an error-level
// diagnostic, an example its schema refuses, or a document that does not parse.
import { resolve } from 'node:path';
import { Parser, fromFile, DiagnosticSeverity } from '@asyncapi/parser';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const { document, diagnostics } = await fromFile(new Parser(), resolve(process.argv[2])).parse();
for (const d of diagnostics) {
  console.log(JSON.stringify({ severity: d.severity, code: d.code, message: d.message, path: d.path.join('.') }));
}
const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).length;
if (!document) {
  console.log(JSON.stringify({ parsed: false, errors }));
  process.exit(1);
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
let examples = 0;
let refused = 0;
for (const message of document.allMessages().all()) {
  if (message.examples().length === 0) continue;
  const validate = ajv.compile(withoutParserKeys(message.payload().json()));
  for (const example of message.examples().all()) {
    examples++;
    if (!validate(example.payload())) {
      refused++;
      console.log(JSON.stringify({
        severity: 0, code: 'example-refused', message: `${message.name()} example "${example.name()}"`,
        errors: validate.errors,
      }));
    }
  }
}
const messages = document.allMessages();
console.log(JSON.stringify({
  parsed: true,
  errors: errors + refused,
  channels: document.channels().length,
  operations: document.operations().length,
  messages: messages.length,
  withExamples: messages.all().filter((m) => m.examples().length > 0).length,
  examples,
}));
process.exit(errors + refused > 0 ? 1 : 0);

/** The schema as JSON Schema: without the x-parser-* keys the parser adds. */
function withoutParserKeys(schema) {
  return JSON.parse(JSON.stringify(schema, (key, value) => (key.startsWith('x-parser-') ? undefined : value)));
}
