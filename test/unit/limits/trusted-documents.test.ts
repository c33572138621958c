import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTrustedDocuments } from '../../../src/server/limits/trusted-documents';

const registered = 'query Job($id: JobId!) { job(id: $id) { id state } }';
const hash = createHash('sha256').update(registered).digest('hex');
const manifest = join(mkdtempSync(join(tmpdir(), 'jobgraph-td-')), 'persisted-documents.json');
writeFileSync(manifest, JSON.stringify({ [hash]: registered }));

describe('trusted documents', () => {
  const check = loadTrustedDocuments(manifest);
  it('fills in the text for a registered documentId or APQ hash', () => {
    const byId: Record<string, unknown> = { documentId: `sha256:${hash}`, variables: { id: 'ƒ1' } };
    check(byId);
    expect(byId).toEqual({ query: registered, variables: { id: 'ƒ1' } });
    const byApq = { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } };
    check(byApq);
    expect(byApq).toEqual({ query: registered, extensions: {} });
  });
  it('lets registered text run and refuses anything else', () => {
    expect(() => check({ query: registered })).not.toThrow();
    expect(() => check({ query: '{ jobs { edges { node { environment } } } }' })).toThrow(/not registered/);
    expect(() => check({ documentId: 'sha256:0000' })).toThrow(/document sha256:0000 is not registered/);
    expect(() => check({})).toThrow(/send documentId/);
  });
});
