// The shared fixture files as modules (JSON import attributes), so loading
// them needs no file access: the same import works in Node, Deno (no
// permission), Bun and, bundled by esbuild, in workerd.
import verify from '../../fixtures/verify.json' with { type: 'json' };
import parseEvent from '../../fixtures/parse_event.json' with { type: 'json' };
import secrets from '../../fixtures/secrets.json' with { type: 'json' };
import sign from '../../fixtures/sign.json' with { type: 'json' };
import hosts from '../../fixtures/hosts.json' with { type: 'json' };

export const fixtures = { verify, parseEvent, secrets, sign, hosts };
