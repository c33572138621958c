import { ConfigError, loadConfig } from '../../../src/config';

describe('JOBGRAPH_FLUX_CLUSTERS', () => {
  it('reads name=uri pairs in order; unset leaves the one FLUX_URI cluster', () => {
    const config = loadConfig({
      env: { JOBGRAPH_FLUX_CLUSTERS: 'psana=local:///run/flux/local, s3df=ssh://flux@sdf-login/run/flux/local' },
    });
    expect(config.flux.clusters).toEqual([
      { name: 'psana', uri: 'local:///run/flux/local' },
      { name: 's3df', uri: 'ssh://flux@sdf-login/run/flux/local' },
    ]);
    expect(loadConfig({ env: {} }).flux.clusters).toEqual([]);
  });

  it('takes a {name: uri} object from a config file', () => {
    const config = loadConfig({ env: {}, flags: { flux: { clusters: { a: 'local:///a', b: 'local:///b' } } } });
    expect(config.flux.clusters.map((c) => c.name)).toEqual(['a', 'b']);
  });

  it('reports a bad URI, a bad name and a name given twice, all at once, naming the variable', () => {
    let error: unknown;
    try {
      loadConfig({ env: { JOBGRAPH_FLUX_CLUSTERS: 'a=http://x,b c=local:///b,a=local:///a' } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = String((error as Error).message);
    expect(text).toContain('JOBGRAPH_FLUX_CLUSTERS');
    expect(text).toContain('local:// or ssh://');
    expect(text).toContain('cluster names are');
    expect(text).toContain('"a" is named twice');
  });
});
