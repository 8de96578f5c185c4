/** The same ArticleStore suite against SQLite (a temp file) and PostgreSQL (a fresh schema). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore } from '../src/index/index.js';
import { freshPgSchema } from './pg-helpers.js';
import { storeContract } from './store-contract.js';

const dir = mkdtempSync(path.join(tmpdir(), 'unspin-contract-'));
const file = path.join(dir, 'contract.db');
storeContract({
  name: 'SQLite',
  open: (opts) => openStore(file, { readonly: opts?.readonly }),
  cleanup: () => { rmSync(dir, { recursive: true, force: true }); return Promise.resolve(); },
});

const pg = freshPgSchema('contract');
storeContract({
  name: 'PostgreSQL',
  open: (opts) => openStore(pg.spec, { readonly: opts?.readonly }),
  cleanup: () => pg.drop(),
});
