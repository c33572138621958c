import { forwardCommand } from '../../../src/cli/forward.command';
import { serveCommand } from '../../../src/cli/serve.command';

const optionsOf = (help: string): string[] =>
  [...help.matchAll(/^\s+(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1] as string);

// Issue 17 item 5: `jobgraph forward --help` listed --port, --host and --no-playground, which do nothing there.
describe('jobgraph forward --help', () => {
  it('lists only options that act on forwarding', () => {
    const options = optionsOf(forwardCommand().helpInformation());
    expect(options).toEqual(expect.arrayContaining(['--follow', '--since', '--config', '--flux-uri', '--log-level']));
    for (const serverOnly of ['--port', '--host', '--no-playground']) expect(options).not.toContain(serverOnly);
  });

  it('refuses a server option instead of ignoring it', () => {
    const command = forwardCommand()
      .exitOverride()
      .configureOutput({ writeErr: () => undefined });
    expect(() => command.parse(['--port', '4000'], { from: 'user' })).toThrow(/unknown option '--port'/);
  });

  it('serve keeps them', () => {
    expect(optionsOf(serveCommand().helpInformation())).toEqual(
      expect.arrayContaining(['--port', '--host', '--no-playground', '--flux-uri']),
    );
  });
});
