import { parseFluxUri, sshArgs } from '../../../src/datasources/flux/flux-uri';

describe('parseFluxUri', () => {
  it.each([
    ['local:///run/flux/local', { kind: 'local', path: '/run/flux/local' }],
    ['local:// /tmp/flux-x/local  ', { kind: 'local', path: '/tmp/flux-x/local' }],
    ['ssh://login1/run/flux/local', { kind: 'ssh', host: 'login1', path: '/run/flux/local' }],
    [
      'ssh://flux@sdf-login:2222/run/flux/local',
      { kind: 'ssh', host: 'sdf-login', user: 'flux', port: 2222, path: '/run/flux/local' },
    ],
  ])('%s', (uri, expected) => {
    expect(parseFluxUri(uri)).toEqual(expected);
  });

  it.each([
    '',
    'http://x/y',
    'local://',
    'ssh://host',
    'ssh://host/',
    'ssh://host:0/p',
    'ssh://host:99999/p',
    'ssh://a@b@c/p',
    'ssh://host/p?x=1',
    'ssh://host/p#f',
  ])('rejects %p', (uri) => {
    expect(() => parseFluxUri(uri)).toThrow(
      new RegExp(`invalid Flux URI ${JSON.stringify(uri).replace(/[?]/g, '\\?')}`),
    );
  });

  it('builds the ssh argv', () => {
    expect(sshArgs({ kind: 'ssh', host: 'h', user: 'u', port: 22, path: '/p' }, 'flux')).toEqual([
      '-p',
      '22',
      'u@h',
      'flux',
      'relay',
      '/p',
    ]);
    expect(sshArgs({ kind: 'ssh', host: 'h', path: '/p' }, 'flux')).toEqual(['h', 'flux', 'relay', '/p']);
  });
});
